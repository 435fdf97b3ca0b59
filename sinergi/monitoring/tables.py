"""Display tables for the monitoring pages: numbers formatted per KPI unit, statuses named and coloured."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from sinergi.common.fmt import fmt_change, fmt_number, fmt_pct
from sinergi.common.sortable import HIDDEN_SORT, WITHHELD_SORT
from sinergi.common.styler import display_styler
from sinergi.common.suppressed import breakdown_value, is_count, is_small_count
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


def kpi_sort_value(value: object, unit: str) -> float:
    """Return the number a KPI cell sorts by in the browser: the value as shown (a percentage to one decimal, a
    count as its breakdown value, signed for a change; HIDDEN_SORT for one that reads "<5"), NaN for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if is_count(value):
        shown = breakdown_value(abs(value))  # type: ignore[arg-type]  # a Count
        magnitude = HIDDEN_SORT if shown is None else float(shown)
        return -magnitude if value < 0 else magnitude  # type: ignore[operator]  # a Count compares as a number
    return round(float(value), 1 if unit == "persen" else 0)  # type: ignore[arg-type]  # a KPI number


def attainment_sort_value(baseline: object, value: object, attainment_pct: float | None) -> float:
    """Return what an attainment sorts by: the whole percentage shown, WITHHELD_SORT where it is withheld."""
    if is_small_count(baseline) or is_small_count(value):
        return WITHHELD_SORT
    return math.nan if attainment_pct is None or math.isnan(attainment_pct) else float(round(attainment_pct))


def kpi_display_table(
    kpis: pd.DataFrame, lang: str, t: Callable[..., str], with_moa: bool
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Return the KPI rows (from kpi.with_attainment) as a table of what each column sorts by (words, or the
    numbers shown: a reader who clicks "Target" sorts 25 % before 100 %) and the text of each numeric cell, written
    in its KPI's unit (by column header; `style_status` puts both on the table)."""
    name_col = f"kpi_name_{lang}"
    units = kpis["unit"].tolist()
    out = pd.DataFrame(
        {
            t("monev.col.kpi"): kpis[name_col].to_numpy(),
            t("monev.col.status"): [t(STATUS_LABEL_KEYS[s]) for s in kpis["status"]],
        }
    )
    texts: dict[str, list[str]] = {}

    def numbers(header: str, values: pd.Series, write: Callable[[object, str], str]) -> None:
        out[header] = [kpi_sort_value(v, u) for v, u in zip(values, units, strict=True)]
        texts[header] = [write(v, u) for v, u in zip(values, units, strict=True)]

    def plain(value: object, unit: str) -> str:
        return fmt_kpi(value, unit, lang)  # type: ignore[arg-type]  # a KPI number or Count

    # the written baseline covers the whole MoA: shown only where it is the one attainment starts from, so that a
    # kecamatan's row never sets the MoA's figure beside its own measured one
    written = kpis["mou_baseline_value"].where(kpis["baseline_source"] == "tertulis")
    numbers(t("method.col.mou_baseline_value"), written, plain)
    numbers(t("method.col.baseline_value"), kpis["baseline_value"], plain)
    numbers(t("monev.col.value"), kpis["value"], plain)
    numbers(t("monev.col.target"), kpis["target_value"], plain)
    numbers(
        t("monev.col.change"),
        kpis["change"],
        lambda v, u: fmt_kpi_change(v, u, lang, t("monev.points")),  # type: ignore[arg-type]
    )
    triples = list(zip(kpis["baseline_value"], kpis["value"], kpis["attainment_pct"], strict=True))
    attainment = t("monev.col.attainment")
    out[attainment] = [attainment_sort_value(b, v, a) for b, v, a in triples]
    texts[attainment] = [_attainment_text(b, v, a, lang) for b, v, a in triples]
    out[t("method.col.baseline_source")] = [t(f"method.baseline_source.{s}") for s in kpis["baseline_source"]]
    numbers(t("monev.col.households"), kpis["households_count"], lambda v, u: fmt_number(v, lang))  # type: ignore[arg-type]
    if with_moa:
        out.insert(0, t("monev.col.moa"), kpis["moa_id"].to_numpy())
    return out, texts


def kpi_baseline_table(
    kpis: pd.DataFrame, lang: str, t: Callable[..., str]
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Return the KPI rows of a baseline round (nothing to compare yet) as kpi_display_table returns them: KPI, the
    baseline measured, the MoA's target and the MoA, numbers underneath and the words of each cell in its KPI's unit."""
    units = kpis["unit"].tolist()
    out = pd.DataFrame({t("monev.col.kpi"): kpis[f"kpi_name_{lang}"].to_numpy()})
    texts: dict[str, list[str]] = {}
    for key, column in (
        ("method.col.baseline_value", "baseline_value"),
        ("monev.col.target", "target_value"),
    ):
        out[t(key)] = [kpi_sort_value(v, u) for v, u in zip(kpis[column], units, strict=True)]
        texts[t(key)] = [fmt_kpi(v, u, lang) for v, u in zip(kpis[column], units, strict=True)]
    out[t("monev.col.moa")] = kpis["moa_id"].to_numpy()
    return out, texts


def written_styler(table: pd.DataFrame, texts: Mapping[str, list[str]]) -> Styler:
    """Return a display-only Styler of table whose columns in texts read those words row by row (the numbers under
    them are what the browser sorts by) and every other cell pandas' default text."""
    as_is = table.style._display_funcs[
        (0, 0)
    ]  # pandas' default formatter, as an unformatted Styler shows cells
    given = {table.columns.get_loc(c): list(words) for c, words in texts.items()}
    return display_styler(table, [as_is] * table.shape[1], None, given)


def style_status(
    table: pd.DataFrame, statuses: pd.Series, column: str, texts: Mapping[str, list[str]] | None = None
) -> Styler:
    """Return a Styler that paints the status column in the status colour (white text, always with the word);
    texts gives the words of numeric columns row by row (from kpi_display_table), which sort by their numbers.

    A display-only Styler (sinergi.common.styler.display_styler) with pandas' default text for every other cell: a
    province's table has ~6,000 cells, which pandas' own rendering describes one by one for HTML on every rerun."""
    css = [f"background-color: {STATUS_COLOURS[s]}; color: #000000; font-weight: 600" for s in statuses]
    as_is = table.style._display_funcs[
        (0, 0)
    ]  # pandas' default formatter, as an unformatted Styler shows cells
    given = {table.columns.get_loc(c): list(words) for c, words in (texts or {}).items()}
    return display_styler(table, [as_is] * table.shape[1], {table.columns.get_loc(column): css}, given)


def kpi_status_table(kpis: pd.DataFrame, lang: str, t: Callable[..., str], with_moa: bool) -> Styler:
    """Return the KPI table as Monev KPI draws it (kpi_display_table in the status colours): the page's table and
    what its downloads hold (sinergi.ui.components.download_buttons)."""
    table, texts = kpi_display_table(kpis, lang, t, with_moa)
    return style_status(table, kpis["status"], t("monev.col.status"), texts)


def kpi_baseline_styled(kpis: pd.DataFrame, lang: str, t: Callable[..., str]) -> Styler:
    """Return the KPI table of a baseline round as Monev KPI draws it and its downloads hold: starting values and
    targets, no status (nothing has moved yet)."""
    return written_styler(*kpi_baseline_table(kpis, lang, t))
