"""Display tables for the monitoring pages: numbers formatted per KPI unit, statuses named and coloured."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

from sinergi.common.display import display_styler
from sinergi.common.fmt import EMPTY, fmt_change, fmt_number, fmt_pct
from sinergi.common.suppressed import is_count, is_small_count
from sinergi.monitoring.kpi import STATUS_COLOURS, STATUS_LABEL_KEYS


def fmt_kpi(value: float | None, unit: str, lang: str) -> str:
    """Return a KPI value: a percentage with one decimal for 'persen', a whole number otherwise."""
    return fmt_pct(value, lang, 1) if unit == "persen" else fmt_number(value, lang)


def fmt_kpi_change(value: float | None, unit: str, lang: str, points: str) -> str:
    """Return a signed KPI change; percentages change in points (poin)."""
    if unit == "persen":
        text = fmt_change(value, lang, 1)
        return text if text == "–" else f"{text} {points}"
    # a change per MoA is a breakdown cell; for roles without by-name access it comes as a plain difference of the
    # values shown (sinergi.monitoring.kpi.protect_derived), for others as an exact Count
    if is_count(value):
        shown = fmt_number(abs(value), lang)
        return "±0" if not value else ("+" if value > 0 else "−") + shown
    return fmt_change(value, lang)


def fmt_attainment(row: pd.Series, lang: str) -> str:
    """Return the attainment, or "–" when a count it comes from reads "<5" (it would give that count back)."""
    return _attainment_text(row["baseline_value"], row["value"], row["attainment_pct"], lang)


def _attainment_text(baseline: object, value: object, attainment_pct: float | None, lang: str) -> str:
    if is_small_count(baseline) or is_small_count(value):
        return "–"
    return fmt_pct(attainment_pct, lang, 0)


def kpi_display_table(kpis: pd.DataFrame, lang: str, t: Callable[..., str], with_moa: bool) -> pd.DataFrame:
    """Return the KPI rows (from kpi.with_attainment) as text columns for display; 'status' keeps the code."""
    name_col = f"kpi_name_{lang}"
    out = pd.DataFrame(
        {
            t("monev.col.kpi"): kpis[name_col],
            t("monev.col.status"): [t(STATUS_LABEL_KEYS[s]) for s in kpis["status"]],
            # the written baseline covers the whole MoA: shown only where it is the one attainment starts from, so
            # that a kecamatan's row never sets the MoA's figure beside its own measured one
            t("method.col.mou_baseline_value"): [
                fmt_kpi(v, u, lang) if source == "tertulis" else EMPTY
                for v, u, source in zip(
                    kpis["mou_baseline_value"], kpis["unit"], kpis["baseline_source"], strict=True
                )
            ],
            t("method.col.baseline_value"): [
                fmt_kpi(v, u, lang) for v, u in zip(kpis["baseline_value"], kpis["unit"], strict=True)
            ],
            t("monev.col.value"): [
                fmt_kpi(v, u, lang) for v, u in zip(kpis["value"], kpis["unit"], strict=True)
            ],
            t("monev.col.target"): [
                fmt_kpi(v, u, lang) for v, u in zip(kpis["target_value"], kpis["unit"], strict=True)
            ],
            t("monev.col.change"): [
                fmt_kpi_change(v, u, lang, t("monev.points"))
                for v, u in zip(kpis["change"], kpis["unit"], strict=True)
            ],
            t("monev.col.attainment"): [
                _attainment_text(b, v, a, lang)
                for b, v, a in zip(kpis["baseline_value"], kpis["value"], kpis["attainment_pct"], strict=True)
            ],
            t("method.col.baseline_source"): [
                t(f"method.baseline_source.{s}") for s in kpis["baseline_source"]
            ],
            t("monev.col.households"): [fmt_number(n, lang) for n in kpis["households_count"]],
        }
    )
    if with_moa:
        out.insert(0, t("monev.col.moa"), kpis["moa_id"].to_numpy())
    return out


def style_status(table: pd.DataFrame, statuses: pd.Series, column: str) -> Styler:
    """Return a Styler that paints the status column in the status colour (white text, always with the word).

    A display-only Styler (sinergi.common.display.display_styler) with pandas' default text for every cell: a
    province's table has ~6,000 cells, which pandas' own rendering describes one by one for HTML on every rerun."""
    css = [f"background-color: {STATUS_COLOURS[s]}; color: #000000; font-weight: 600" for s in statuses]
    as_is = table.style._display_funcs[
        (0, 0)
    ]  # pandas' default formatter, as an unformatted Styler shows cells
    return display_styler(table, [as_is] * table.shape[1], {table.columns.get_loc(column): css})
