"""How a table cell is written for a reader: a formatter per column, chosen by the column's unit suffix.

The schema's naming rule speaks here (`_count`, `_pct`, `_rp`, `_km`, `_on`, ...): `column_formatter` picks the
Indonesian (or English) text of a column's cells from sinergi.common.fmt; sinergi.common.display puts it on a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd

from sinergi.common.fmt import EMPTY, fmt_date, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.i18n import translate

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


def missing(value: object) -> bool:
    """Return True for a cell with no value (None, NA, NaT, NaN)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def number_formatter(lang: str, decimals: int = 0) -> Formatter:
    """Return a formatter of numbers with fixed decimals ("–" for none)."""
    return lambda v: EMPTY if missing(v) else fmt_number(v, lang, decimals)


def date_formatter(lang: str) -> Formatter:
    """Return a formatter of dates ("2 Januari 2023"), also of ISO text; text that is no date stays as it is."""

    def write(value: object) -> str:
        if missing(value):
            return EMPTY
        try:
            return fmt_date(value, lang)  # type: ignore[arg-type]  # a date, a timestamp or ISO text
        except (TypeError, ValueError):
            return str(value)  # "–" for a missing cell once written, or a note typed where a date belongs

    return write


def _suffix_decimals(column: str) -> int | None:
    suffix = next((s for s in sorted(_DECIMALS, key=len, reverse=True) if column.endswith(s)), None)
    return None if suffix is None else _DECIMALS[suffix]


def column_formatter(column: str, series: pd.Series, lang: str) -> Formatter | None:
    """Return how a column's cells are written for a reader, or None to leave text as it is."""
    name = str(column)
    dated = name.endswith(("_on", "_date", "_at"))
    if pd.api.types.is_string_dtype(series) and not dated:
        return lambda v: EMPTY if missing(v) else str(v)  # already words
    if name == "year" or name.endswith("_year"):
        return lambda v: EMPTY if missing(v) else str(int(v))
    if name.endswith("_rp"):
        return lambda v: EMPTY if missing(v) else fmt_rupiah(v, lang, short=False)
    if name.endswith("_pct"):
        return lambda v: EMPTY if missing(v) else fmt_pct(v, lang)
    if pd.api.types.is_bool_dtype(series) or name.startswith(("is_", "has_")):
        yes, no = translate("common.yes", lang), translate("common.no", lang)
        return lambda v: EMPTY if missing(v) else (yes if bool(v) else no)
    if pd.api.types.is_datetime64_any_dtype(series) or dated:
        return date_formatter(lang)
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
        return date_formatter(lang)
    return lambda v: EMPTY if missing(v) else str(v)


def blank_text(formatter: Formatter | None) -> str:
    """Return what a column's formatter writes for a missing cell, or "–" when it has no words for one."""
    try:
        text = formatter(None) if formatter else EMPTY
    except (TypeError, ValueError, AttributeError):
        return EMPTY
    return text if isinstance(text, str) and text else EMPTY


def is_boolean(series: pd.Series) -> bool:
    """Return True for a column of booleans (missing cells allowed), which Streamlit would draw as checkboxes."""
    if pd.api.types.is_bool_dtype(series):
        return True
    present = series[~series.map(missing)] if series.dtype == object else None
    return present is not None and len(present) > 0 and present.map(lambda v: isinstance(v, bool)).all()


def as_written(value: object) -> str:
    """Return a cell already written as words ("–" for a missing one)."""
    return EMPTY if missing(value) else str(value)


def past_blank(formatter: Formatter, blank: str) -> Formatter:
    """Return formatter that leaves blank (the words of a missing cell, already written) as it is."""
    return lambda v: blank if isinstance(v, str) and v == blank else formatter(v)
