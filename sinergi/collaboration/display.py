"""Localised display columns for the collaboration tables (labels for codes), kept out of the pages."""

from __future__ import annotations

import pandas as pd

from sinergi.common.fmt import fmt_date, fmt_number
from sinergi.common.i18n import translate
from sinergi.common.text import plain
from sinergi.common.vocabulary import CONTRIBUTION_KINDS, SECTORS


def label(prefix: str, code: object, lang: str) -> str:
    """Return the catalogue label of a code (e.g. prefix 'moa.status', code 'aktif'); '' for a missing code."""
    if not isinstance(code, str) or not code:
        return ""
    return translate(f"{prefix}.{code}", lang)


def codes_label(codes: object, prefix: str, lang: str) -> str:
    """Return the labels of comma-separated codes, joined by commas."""
    if not isinstance(codes, str) or not codes:
        return ""
    return ", ".join(label(prefix, c, lang) for c in codes.split(","))


def moa_display(moas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the MoA registry with status, stage, sectors and period in words."""
    shown = moas.copy()
    shown["status_label"] = shown["status"].map(lambda s: label("moa.status", s, lang))
    shown["stage_label"] = [
        f"{n}. {s}" for n, s in zip(shown["current_stage_no"], shown[f"stage_name_{lang}"], strict=True)
    ]
    shown["sectors_label"] = shown["sector_codes"].map(lambda c: codes_label(c, "mitra.sector", lang))
    shown["period_label"] = [
        f"{fmt_date(a, lang)} – {fmt_date(b, lang)}"
        for a, b in zip(shown["started_on"], shown["ended_on"], strict=True)
    ]
    shown["renewal_label"] = shown["renewal_decision"].map(lambda s: label("moa.renewal", s, lang))
    return shown


def partner_display(partners: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the partner registry with type, hub role, sectors and kinds of contribution in words."""
    shown = partners.copy()
    shown["type_label"] = shown["partner_type"].map(lambda s: label("mitra.type", s, lang))
    shown["hub_label"] = shown["hub_role"].map(lambda s: label("mitra.hub", s, lang))
    shown["sectors_label"] = shown["sector_codes"].map(lambda c: codes_label(c, "mitra.sector", lang))
    shown["kinds_label"] = shown["contribution_kinds"].map(lambda c: codes_label(c, "mitra.kind", lang))
    shown["home_label"] = shown["kabupaten_name"].fillna(translate("mitra.province_wide", lang))
    return shown


def capacity_grid(capacities: pd.DataFrame, partner_id: str, lang: str) -> pd.DataFrame:
    """Return one partner's capacity levels as sector (rows) x kind of contribution (columns), in words."""
    mine = capacities[capacities["partner_id"] == partner_id]
    grid = mine.pivot_table(
        index="sector_code", columns="contribution_kind", values="capacity_level", aggfunc="max"
    )
    grid = grid.reindex(
        index=[s for s in SECTORS if s in grid.index],
        columns=[k for k in CONTRIBUTION_KINDS if k in grid.columns],
    )
    words = grid.map(lambda v: "" if pd.isna(v) else translate(f"mitra.level.{int(v)}", lang))
    words.index = [label("mitra.sector", s, lang) for s in words.index]
    words.columns = [label("mitra.kind", k, lang) for k in words.columns]
    return words.reset_index(names=translate("mitra.col.sector", lang))


def alert_lines(alerts: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """Return the alert sentences by kind (ended_undecided, ending_soon, then stuck), one per MoA."""
    lines: dict[str, list[str]] = {}
    for kind in ("ended_undecided", "ending_soon", "stuck"):
        rows = alerts[alerts["alert"] == kind]
        if len(rows):
            lines[kind] = [
                translate(
                    f"moa.alert.{kind}",
                    lang,
                    moa=r.moa_id,
                    title=plain(r.title),
                    date=fmt_date(r.stage_reached_on if kind == "stuck" else r.ended_on, lang),
                    days=fmt_number(r.days, lang),
                )
                for r in rows.itertuples(index=False)
            ]
    return lines


def _sector_words(lang: str) -> dict[str, str]:
    return {s: label("mitra.sector", s, lang) for s in SECTORS}


def gap_display(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return gap rows (rules.gap_cells) with the sector and the need in words ("12 RT miskin ekstrem"); the need
    is a protected count outside kesehatan, written as the viewer may see it."""
    return gaps.assign(
        sector_label=gaps["sector_code"].map(_sector_words(lang)),
        need_label=[
            translate(f"koordinasi.need.{s}", lang, value=fmt_number(v, lang))
            for s, v in zip(gaps["sector_code"], gaps["need_value"], strict=True)
        ],
    )


def actors_display(actors: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return actors_by_area_sector rows with the sector in words."""
    return actors.assign(sector_label=actors["sector_code"].map(_sector_words(lang)))
