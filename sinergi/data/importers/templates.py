"""Excel templates for survey rounds, partners, MoAs, contributions, KPI targets, interventions, budget and agency
history: generated from the schema (so they never drift), validated column by column, vectorised."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sinergi.common import vocabulary
from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.common.table_export import excel_writer
from sinergi.data.db import load_sql
from sinergi.data.dictionary import parse_schema
from sinergi.data.importers import reading
from sinergi.data.importers.core import Prepared
from sinergi.data.importers.report import ERROR, Report
from sinergi.data.importers.writer import file_sha256, read_current, replace_rows

ALLOWED: dict[str, tuple[object, ...]] = {
    "partner_type": vocabulary.PARTNER_TYPES,
    "hub_role": vocabulary.HUB_ROLES,
    "status": vocabulary.MOA_STATUSES,
    "renewal_decision": vocabulary.RENEWAL_DECISIONS,
    "party_role": vocabulary.PARTY_ROLES,
    "contribution_kind": vocabulary.CONTRIBUTION_KINDS,
    "unit": vocabulary.CONTRIBUTION_UNITS,
    "source": vocabulary.INTERVENTION_SOURCES,
    "strategy": vocabulary.STRATEGIES,
    "funding_source": vocabulary.FUNDING_SOURCES,
    "result": vocabulary.PROGRAM_RESULTS,
    "trained_sector": vocabulary.SECTORS,
    "sector_code": vocabulary.SECTORS,
    "current_stage_no": tuple(range(1, vocabulary.LAST_STAGE + 1)),
    "welfare_decile": (1, 2, 3, 4, 5),
}
# column -> the importer query listing the ids it may refer to
REFERENCES = {
    "household_id": "known_household",
    "round_id": "known_monitoring_round",
    "moa_id": "known_moa",
    "renewal_of_moa_id": "known_moa",
    "partner_id": "known_partner",
    "kpi_code": "known_kpi_definition",
    "desa_code": "known_desa",
    "kabupaten_code": "known_kabupaten",
}
TRUE_WORDS = {"YA", "Y", "TRUE", "BENAR", "1"}
FALSE_WORDS = {"TIDAK", "T", "N", "FALSE", "SALAH", "0"}


@dataclass(frozen=True)
class Spec:
    table: str
    title_id: str  # what the template is, in Bahasa Indonesia
    own_key: tuple[str, ...] = field(default=())  # columns that are this table's key (not references)


SPECS: dict[str, Spec] = {
    "survey": Spec("household_observation", "Hasil survei per putaran (baseline, endline, …)", ("household_id", "round_id")),
    "round": Spec("monitoring_round", "Putaran pemantauan", ("round_id",)),
    "partner": Spec("partner", "Mitra", ("partner_id",)),
    "moa": Spec("moa", "Nota kerja sama (MoA)", ("moa_id",)),
    "moa_party": Spec("moa_party", "Pihak dalam MoA", ()),
    "moa_sector": Spec("moa_sector", "Bidang dalam MoA", ()),
    "contribution": Spec("contribution", "Kontribusi mitra per MoA", ("contribution_id",)),
    "kpi_target": Spec("kpi_target", "Target KPI dalam MoA", ()),
    "intervention": Spec("intervention", "Intervensi", ("intervention_id",)),
    "budget": Spec("budget_allocation", "Anggaran", ("budget_id",)),
    "agency_history": Spec("agency_program_history", "Riwayat program dinas", ("history_id",)),
}  # fmt: skip


@cache
def columns_of(table: str) -> list[dict[str, Any]]:
    """Return the schema columns of a table (name, type, constraints, description)."""
    return next(t["columns"] for t in parse_schema(load_sql("schema")) if t["table"] == table)


def _required(col: dict[str, Any]) -> bool:
    return "not null" in col["constraints"] or "primary key" in col["constraints"]


def guide(kind: str) -> pd.DataFrame:
    """Return the explanation sheet of a template: column, required, type, description and allowed values."""
    spec = SPECS[kind]
    rows = []
    for col in columns_of(spec.table):
        ref = _reference(spec, col["name"])
        allowed = ", ".join(map(str, ALLOWED.get(col["name"], ())))
        if ref:
            allowed = f"harus sudah ada di basis data ({ref.removeprefix('known_')})"
        rows.append(
            {
                "kolom": col["name"],
                "wajib": "ya" if _required(col) else "tidak",
                "tipe": {
                    "integer": "bilangan bulat",
                    "bigint": "bilangan bulat",
                    "double": "angka",
                    "date": "tanggal (2026-01-31)",
                    "boolean": "ya/tidak",
                }.get(col["type"], "teks"),  # fmt: skip
                "keterangan": col["description"],
                "nilai_yang_boleh": allowed,
            }
        )
    return pd.DataFrame(rows)


def template_bytes(kind: str) -> bytes:
    """Return the Excel template of kind: an empty 'Data' sheet with the headers and a 'Petunjuk' sheet."""
    spec = SPECS[kind]
    buffer = io.BytesIO()
    with excel_writer(buffer) as writer:
        pd.DataFrame(columns=[c["name"] for c in columns_of(spec.table)]).to_excel(
            writer, sheet_name="Data", index=False
        )
        writer.sheets["Data"].freeze_panes(1, 0)
        info = guide(kind)
        info.to_excel(writer, sheet_name="Petunjuk", index=False, startrow=2)
        writer.sheets["Petunjuk"].write(
            0, 0, f"Templat Sinergi: {spec.title_id}. Isi lembar 'Data' mulai baris 2."
        )
        for i, width in enumerate((26, 8, 18, 70, 60)):
            writer.sheets["Petunjuk"].set_column(i, i, width)
    return buffer.getvalue()


def prepare(
    kind: str, name: str, data: bytes, path: Path | None = None, lang: str = DEFAULT_LANGUAGE
) -> Prepared:
    """Read and validate a filled template (Excel or CSV); return the write plan and the problem report."""
    spec = SPECS[kind]
    report = Report(name, lang=lang)
    prepared = Prepared(kind, name, file_sha256(data), report, 0)
    cols = columns_of(spec.table)
    known = {reading.norm_name(c["name"]) for c in cols}
    try:
        sheet = reading.read_sheets(name, data, known, report, min_matches=min(3, len(cols)))[0]
    except reading.ReadError as exc:
        report.add(report.t(exc.key, **exc.values))
        return prepared
    report.sheet = sheet.sheet
    raw = sheet.frame
    raw.columns = [reading.norm_name(c).replace(" ", "_") for c in raw.columns]
    prepared.rows_read = len(raw)
    missing = [c["name"] for c in cols if c["name"] not in raw.columns and _required(c)]
    for col in missing:
        report.add(report.t("impor.missing_column", column=col), column=col)
    if missing or raw.empty:
        if raw.empty:
            report.add(report.t("impor.no_rows"))
        return prepared
    reading.check_cells(sheet, report)
    rows = sheet.rows
    out = pd.DataFrame({c["name"]: _convert(raw, c, spec, rows, report, path) for c in cols})
    key = list(spec.own_key) or [c["name"] for c in cols if c["name"].endswith(("_id", "_code"))][:2]
    dup = out.duplicated(subset=key, keep="first").to_numpy()
    if dup.any():
        report.add_rows(
            report.t("impor.template.duplicate_key", columns=", ".join(key)),
            ERROR,
            rows[dup],
            key[0],
            out[key[0]].to_numpy()[dup],
        )
    prepared.apply = lambda con: replace_rows(con, spec.table, out)
    return prepared


def _convert(
    raw: pd.DataFrame, col: dict[str, Any], spec: Spec, rows: np.ndarray, report: Report, path: Path | None
) -> pd.Series:
    name, kind = col["name"], col["type"]
    text = raw[name].astype("string").str.strip() if name in raw.columns else pd.Series("", index=raw.index)
    empty = text.fillna("").eq("")
    if _required(col):
        _flag(report, empty, rows, name, text, report.t("impor.template.required"))
    if kind in ("integer", "bigint"):
        value = reading.to_int(text)
        _flag(report, value.isna() & ~empty, rows, name, text, report.t("impor.template.integer"))
    elif kind == "double":
        value = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        _flag(report, value.isna() & ~empty, rows, name, text, report.t("impor.template.number"))
    elif kind == "date":
        value = reading.parse_dates(text)
        _flag(report, value.isna() & ~empty, rows, name, text, report.t("impor.template.date"))
    elif kind == "boolean":
        word = reading.norm_values(text).fillna("")
        value = word.isin(TRUE_WORDS).astype("boolean").where(~empty)
        _flag(
            report,
            ~empty & ~word.isin(TRUE_WORDS | FALSE_WORDS),
            rows,
            name,
            text,
            report.t("impor.template.boolean"),
        )
    else:
        value = text.where(~empty, None)
    if name in ALLOWED:
        allowed = ALLOWED[name]
        probe = value.astype("string").str.lower() if kind == "varchar" else value
        value = probe if kind == "varchar" else value
        _flag(report, ~empty & ~probe.isin(allowed).fillna(False), rows, name, text,
              report.t("impor.unknown_value", allowed=", ".join(map(str, allowed))))  # fmt: skip
    referenced = _reference(spec, name)
    if referenced:
        ids = read_current(referenced, path)["id"]
        _flag(report, ~empty & ~value.isin(set(ids)).fillna(False), rows, name, text,
              report.t("impor.template.reference", column=name))  # fmt: skip
    return value


def _reference(spec: Spec, column: str) -> str | None:
    """Return the query listing the ids a column refers to; None for the table's own ids (they may be new)."""
    ref = REFERENCES.get(column)
    return None if ref is None or ref == f"known_{spec.table}" else ref


def _flag(
    report: Report, mask: pd.Series, rows: np.ndarray, column: str, values: pd.Series, message: str
) -> None:
    m = np.asarray(mask.fillna(False), dtype=bool)
    if m.any():
        report.add_rows(message, ERROR, rows[m], column, values.to_numpy()[m])
