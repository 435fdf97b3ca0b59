"""Tables as a reader sees them: every cell formatted the Indonesian (or English) way, values kept for sorting.

`styled(frame, lang)` returns a pandas Styler whose display text comes from sinergi.common.fmt, chosen by each
column's unit suffix (the schema's naming rule: `_count`, `_pct`, `_rp`, `_km`, ...); Streamlit shows the text and
sorts by the value underneath. Headers are renamed last, so the suffixes still speak when formats are chosen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler
from pandas.io.formats.style_render import maybe_convert_css_to_tuples

from sinergi.common.amounts import is_amount, shown_amount
from sinergi.common.fmt import EMPTY, fmt_date, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.i18n import translate
from sinergi.common.suppressed import breakdown_value, is_count, is_share, is_small_count

Formatter = Callable[[Any], str]  # a table cell: whatever pandas holds
# Unit suffixes and the decimals they are shown with; the longest suffix wins (_km2 before _km).
_DECIMALS = {
    "_count": 0,
    "_households": 0,
    "_m": 0,
    "_km": 1,
    "_km2": 1,
    "_ha": 1,
    "_ton": 1,
    "_tonnes": 1,
    "_kwh": 0,
    "_kw": 1,
    "_ton_year": 1,
    "_units": 0,
    "_score": 1,
    "_pp": 1,
    "_days": 0,
    "_value": 1,
}


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def number_formatter(lang: str, decimals: int = 0) -> Formatter:
    """Return a formatter of numbers with fixed decimals ("–" for none)."""
    return lambda v: EMPTY if _missing(v) else fmt_number(v, lang, decimals)


def _suffix_decimals(column: str) -> int | None:
    suffix = next((s for s in sorted(_DECIMALS, key=len, reverse=True) if column.endswith(s)), None)
    return None if suffix is None else _DECIMALS[suffix]


def column_formatter(column: str, series: pd.Series, lang: str) -> Formatter | None:
    """Return how a column's cells are written for a reader, or None to leave text as it is."""
    name = str(column)
    if pd.api.types.is_string_dtype(series):
        return lambda v: EMPTY if _missing(v) else str(v)  # already words
    if name == "year" or name.endswith("_year"):
        return lambda v: EMPTY if _missing(v) else str(int(v))
    if name.endswith("_rp"):
        return lambda v: EMPTY if _missing(v) else fmt_rupiah(v, lang, short=False)
    if name.endswith("_pct"):
        return lambda v: EMPTY if _missing(v) else fmt_pct(v, lang)
    if pd.api.types.is_bool_dtype(series) or name.startswith(("is_", "has_")):
        yes, no = translate("common.yes", lang), translate("common.no", lang)
        return lambda v: EMPTY if _missing(v) else (yes if bool(v) else no)
    if pd.api.types.is_datetime64_any_dtype(series) or name.endswith(("_on", "_date", "_at")):
        return lambda v: EMPTY if _missing(v) else fmt_date(v, lang)
    decimals = _suffix_decimals(name)
    if decimals is not None:
        return number_formatter(lang, decimals)
    if pd.api.types.is_integer_dtype(series):
        return number_formatter(lang, 0)
    if pd.api.types.is_float_dtype(series):
        return number_formatter(lang, 1)
    if series.dtype == object and any(
        isinstance(v, int | float) and not isinstance(v, bool) for v in series.head(50)
    ):
        return number_formatter(lang, 0)  # a count column holding "<5" markers
    if series.dtype == object and any(isinstance(v, date | datetime) for v in series.head(50)):
        return lambda v: EMPTY if _missing(v) else fmt_date(v, lang)
    return lambda v: EMPTY if _missing(v) else str(v)


def _blank(formatter: Formatter | None) -> str:
    """Return what a column's formatter writes for a missing cell, or "–" when it has no words for one."""
    try:
        text = formatter(None) if formatter else EMPTY
    except (TypeError, ValueError, AttributeError):
        return EMPTY
    return text if isinstance(text, str) and text else EMPTY


def _shown_shares(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return table with its protected shares (Share cells: rounded to 5 points, or withheld) as words: "95 %" with
    no decimal, since a rounded share has none, and a withheld one as the catalogue's word (a blank cell would read
    "None"); a cell that is no Share (a row a merge did not find) reads "–"."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_share).any():
            continue
        out[column] = pd.Series(
            [fmt_pct(v, lang) if is_share(v) or not _missing(v) else EMPTY for v in out[column]],
            index=out.index,
            dtype=object,
        )
    return out


def _shown_counts(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return table with protected counts as the viewer may see them: a column with a "<5" cell becomes words
    ("<5", "1.235"), any other count column becomes its breakdown numbers (sortable, formatted below)."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_count).any():
            continue
        if out[column].map(is_small_count).any():
            out[column] = pd.Series([fmt_number(v, lang) for v in out[column]], index=out.index, dtype=object)
        else:
            out[column] = pd.to_numeric(out[column].map(breakdown_value), errors="coerce")
    return out


def _shown_amounts(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return table with its protected amounts (Amount cells, rule 7) as the viewer may see them: a column with a
    withheld cell becomes words ("Rp 15.000.000", the catalogue's word), any other one the amounts as shown."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_amount).any():
            continue
        shown = [shown_amount(v) for v in out[column]]
        if any(is_amount(v) and s is None for v, s in zip(out[column], shown, strict=True)):
            words = [EMPTY if _missing(v) else fmt_rupiah(v, lang, short=False) for v in out[column]]
            out[column] = pd.Series(words, index=out.index, dtype=object)
        else:
            out[column] = pd.to_numeric(pd.Series(shown, index=out.index), errors="coerce")
    return out


def styled(
    frame: pd.DataFrame,
    lang: str,
    headers: Mapping[str, str] | None = None,
    formats: Mapping[str, Formatter] | None = None,
    keep_index: bool = False,
) -> Styler:
    """Return frame (only the columns in headers, renamed by them, when given) with every cell formatted for lang.

    formats overrides the formatter of a column (by its original name); keep_index keeps row labels (a matrix)."""
    table = frame[[c for c in headers if c in frame.columns]] if headers else frame
    table = _shown_counts(table if keep_index else table.reset_index(drop=True), lang)
    table = _shown_amounts(_shown_shares(table, lang), lang)
    chosen = {
        column: (formats or {}).get(column) or column_formatter(column, table[column], lang)
        for column in table.columns
    }
    # Streamlit draws a missing cell as "None" whatever its formatted text: a text column gets its words instead
    # (a code's formatter words a missing code, e.g. an intervention with no sector; other text reads "–")
    for column in table.columns:
        text = table[column].dtype == object or pd.api.types.is_string_dtype(table[column])
        if text and table[column].map(_missing).any():
            blank = _blank(chosen[column])
            table[column] = table[column].map(lambda v, b=blank: b if _missing(v) else v)
    renamed = table.rename(columns=dict(headers or {}))
    by_header = {renamed.columns[i]: chosen[c] for i, c in enumerate(table.columns) if chosen[c]}
    every = [f for f in (chosen[c] for c in table.columns) if f is not None]
    if len(every) == renamed.shape[1] and renamed.columns.is_unique:
        return display_styler(renamed, every)
    return renamed.style.format(by_header)


def display_styler(
    data: pd.DataFrame, formatters: list[Formatter], cell_css: Mapping[int, list[str]] | None = None
) -> Styler:
    """Return a Styler of data holding each cell's display text (formatters: one per column) and nothing else but,
    when given, the CSS of some columns' cells (cell_css: column position -> one "prop: value; ..." per row).

    That text is all Streamlit reads of a Styler (its marshall_styler calls `_compute` and `_translate` and keeps the
    `display_value` of the cells `row<i>_col<j>`). pandas' own translation describes every cell for HTML (classes,
    attributes, a formatter looked up per cell): about half a second of CPU for a province's 11,000-desa table, on
    every rerun. The two are replaced on this one object (Streamlit recognises a Styler by its exact type, so no
    subclass); tests/test_display_styler.py checks that Streamlit sends the same text as for pandas' Styler."""
    styler = data.style
    styler.display_formatters = formatters  # read by the tests

    def compute() -> Styler:
        return styler  # no styles to apply: formats only

    def translate(*args: Any, **kwargs: Any) -> dict[str, Any]:
        texts = [[fmt(v) for v in data.iloc[:, j].tolist()] for j, fmt in enumerate(formatters)]
        body = [
            [{"id": f"row{i}_col{j}", "display_value": column[i]} for j, column in enumerate(texts)]
            for i in range(len(data))
        ]
        return {
            "body": body,
            "cellstyle": _cellstyle(cell_css or {}, len(data)),
            "table_styles": [],
            "caption": None,
            "uuid": styler.uuid,
        }

    styler._compute = compute
    styler._translate = translate
    return styler


def _cellstyle(cell_css: Mapping[int, list[str]], rows: int) -> list[dict[str, Any]]:
    # as pandas' Styler.apply + _translate group them: cells with the same properties share one rule, in the order
    # their first cell comes (row by row, column by column)
    grouped: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for i in range(rows):
        for j in sorted(cell_css):
            css = cell_css[j][i]
            if css:
                grouped.setdefault(tuple(maybe_convert_css_to_tuples(css)), []).append(f"row{i}_col{j}")
    return [{"props": list(props), "selectors": selectors} for props, selectors in grouped.items()]
