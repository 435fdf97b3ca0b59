"""The tables of the collaboration pages, declared once: per table its columns in order, each with its header (a
catalogue key) and, where the default is not right, how a cell is written on screen (downloads keep the values).
A page names the table (`widgets.declared_table`); a header or a format changes here, for every page showing it."""

from __future__ import annotations

from collections.abc import Callable

from sinergi.common.display import Formatter
from sinergi.common.fmt import fmt_date, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.i18n import translate
from sinergi.common.vocabulary import labels

# How a cell is written, by the name a column gives: "code:<domain>" writes a vocabulary code as words.
WRITTEN: dict[str, Callable[[str], Formatter]] = {
    "rupiah": lambda lang: lambda v: fmt_rupiah(v, lang),
    "date": lambda lang: lambda v: fmt_date(v, lang),
    "whole": lambda lang: lambda v: fmt_number(v, lang),
    # a column of protected counts with a "<5" cell arrives written ("<5", "15"): kept as written (rule 8)
    "decimal": lambda lang: lambda v: v if isinstance(v, str) else fmt_number(v, lang, 1),
    "pct_whole": lambda lang: lambda v: fmt_pct(v, lang, 0),
}

# table -> (column, header key[, how it is written]) in the order shown
TABLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "moa_registry": (
        ("moa_id", "moa.col.moa_id"),
        ("moa_number", "moa.col.number"),
        ("title", "moa.col.title"),
        ("status_label", "moa.col.status"),
        ("period_label", "moa.col.period"),
        ("renewal_label", "moa.col.renewal"),
        ("stage_label", "moa.col.stage"),
        ("sectors_label", "moa.col.sectors"),
        ("parties_count", "moa.col.parties"),
        ("target_desa_count", "moa.col.target_desa"),
        ("pledged_rp", "moa.col.pledged_rp", "rupiah"),
        ("realised_rp", "moa.col.realised_rp", "rupiah"),
    ),
    "contribution_matrix": (
        ("partner_name", "moa.col.party"),
        ("kind_label", "mitra.col.kind"),
        ("pledged_value_rp", "moa.col.pledged_rp", "rupiah"),
        ("realised_value_rp", "moa.col.realised_rp", "rupiah"),
        ("realised_pct", "moa.matrix.realised_pct", "pct_whole"),
    ),
    "moa_kpi_targets": (
        ("kpi_label", "moa.kpi.kpi"),
        ("unit", "moa.kpi.unit", "code:kpi_unit"),
        ("direction_label", "moa.kpi.direction"),
        ("baseline_value", "moa.kpi.baseline", "decimal"),
        ("target_value", "moa.kpi.target", "decimal"),
        ("deadline_on", "moa.kpi.deadline", "date"),
    ),
    "moa_stage_counts": (
        ("stage_no", "alur.col.stage_no"),
        ("stage_label", "moa.col.stage"),
        ("moa_count", "alur.chart.moa_count"),
        ("open_moa_count", "alur.col.open_moa_count"),
    ),
    "stuck_moas": (
        ("moa_id", "moa.col.moa_id"),
        ("title", "moa.col.title"),
        ("status_label", "moa.col.status"),
        ("stage_label", "moa.col.stage"),
        ("last_reached_on", "alur.col.last_reached_on", "date"),
        ("idle_days", "alur.col.idle_days"),
    ),
    "partner_registry": (
        ("partner_id", "mitra.col.partner_id"),
        ("name", "mitra.col.name"),
        ("type_label", "mitra.col.type"),
        ("home_label", "mitra.col.home"),
        ("sectors_label", "mitra.col.sectors"),
        ("kinds_label", "mitra.col.kinds"),
        ("moa_count", "mitra.col.moa_count"),
        ("active_moa_count", "mitra.col.active_moa_count"),
        ("kecamatan_names", "mitra.col.kecamatan"),
    ),
    "partner_moas": (
        ("moa_id", "moa.col.moa_id"),
        ("title", "moa.col.title"),
        ("party_role", "moa.col.role", "code:party_role"),
        ("status_label", "moa.col.status"),
        ("period_label", "moa.col.period"),
        ("sectors_label", "moa.col.sectors"),
    ),
    "coordination_gaps": (
        ("sector_label", "mitra.col.sector"),
        ("desa_name", "koordinasi.col.desa"),
        ("kecamatan_name", "koordinasi.col.kecamatan"),
        ("need_label", "koordinasi.col.need"),
        ("need_rank", "koordinasi.col.need_rank"),
        ("desa_code", "col.region_code"),
    ),
    "actors_by_area_sector": (
        ("area_name", "col.region_name"),
        ("sector_label", "mitra.col.sector"),
        ("actors_count", "koordinasi.matrix.actors"),
        ("actor_names", "koordinasi.col.actor_names"),
    ),
    "hub_structure": (
        ("role_label", "koordinasi.hub.role"),
        ("partner_name", "mitra.col.name"),
        ("programs_count", "koordinasi.hub.programs_count"),
        ("latest_programs", "koordinasi.hub.latest_programs"),
        ("running_moa_ids", "koordinasi.hub.running_moas"),
    ),
    "program_history": (
        ("year", "riwayat.col.year"),
        ("program", "riwayat.col.program"),
        ("partner_name", "riwayat.col.agency"),
        ("sector_label", "mitra.col.sector"),
        ("kecamatan_name", "koordinasi.col.kecamatan"),
        ("desa_name", "koordinasi.col.desa"),
        ("beneficiaries_count", "riwayat.chart.beneficiaries", "whole"),
        ("budget_rp", "riwayat.col.budget_rp", "rupiah"),
        ("result_label", "riwayat.col.result"),
        ("result_note", "riwayat.col.note"),
    ),
}


def _formatter(written: str, lang: str) -> Formatter:
    if written.startswith("code:"):
        domain = written.removeprefix("code:")
        return lambda codes: labels(domain, codes, lang)
    return WRITTEN[written](lang)


def headers(table: str, lang: str) -> dict[str, str]:
    """Return {column: header in lang} of a declared table, in the order shown."""
    return {column: translate(key, lang) for column, key, *_ in TABLES[table]}


def formats(table: str, lang: str) -> dict[str, Formatter]:
    """Return {column: formatter} for the columns of a declared table that are not written the default way."""
    return {column: _formatter(written, lang) for column, _, *how in TABLES[table] for written in how}
