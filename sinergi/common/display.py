"""Tables as a reader sees them: every cell formatted the Indonesian (or English) way, values kept for sorting.

`styled(frame, lang)` returns a pandas Styler whose display text comes from sinergi.common.fmt, chosen by each
column's unit suffix (the schema's naming rule: `_count`, `_pct`, `_rp`, `_km`, ...; sinergi.common.cells);
Streamlit shows the text and sorts by the value underneath (protected cells: sinergi.common.sortable). Headers are
renamed last, so the suffixes still speak when formats are chosen.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from sinergi.common.cells import (
    Formatter,
    as_written,
    blank_text,
    column_formatter,
    date_formatter,
    is_boolean,
    missing,
    number_formatter,
    past_blank,
)
from sinergi.common.sortable import (
    HIDDEN_SORT,
    WITHHELD_SORT,
    amount_formatter,
    hidden_count_formatter,
    share_formatter,
    shown_amounts,
    shown_counts,
    shown_shares,
)
from sinergi.common.styler import display_styler

__all__ = [
    "HIDDEN_SORT",
    "WITHHELD_SORT",
    "Formatter",
    "column_formatter",
    "date_formatter",
    "display_styler",
    "number_formatter",
    "styled",
]


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
    # counts with "<5" cells, shares and amounts stay numbers, so that the browser sorts "<5" before "5", "5 %"
    # before "10 %" and "Rp 9.000" before "Rp 10.000"; their formatters write the words
    table, hidden = shown_counts(table if keep_index else table.reset_index(drop=True))
    table, shares = shown_shares(table)
    table, amounts = shown_amounts(table)
    given = formats or {}
    chosen = {
        column: share_formatter(lang, given.get(column))
        if column in shares
        else amount_formatter(lang, given.get(column))
        if column in amounts
        else hidden_count_formatter(lang, given.get(column))
        if column in hidden
        else given.get(column) or column_formatter(column, table[column], lang)
        for column in table.columns
    }
    # Streamlit draws a column of booleans as checkboxes whatever their formatted text: written as words instead
    for column in table.columns:
        write = chosen[column]
        if write is not None and is_boolean(table[column]):
            table[column] = pd.Series([write(v) for v in table[column]], index=table.index, dtype=object)
            chosen[column] = as_written
    # Streamlit draws a missing cell as "None" whatever its formatted text: a text column gets its words instead
    # (a code's formatter words a missing code, e.g. an intervention with no sector; other text reads "–")
    for column in table.columns:
        text = table[column].dtype == object or pd.api.types.is_string_dtype(table[column])
        if text and table[column].map(missing).any():
            blank = blank_text(chosen[column])
            table[column] = table[column].map(lambda v, b=blank: b if missing(v) else v)
            # the formatter then meets those words, which it may not read (a date's formatter and "–")
            write = chosen[column]
            chosen[column] = None if write is None else past_blank(write, blank)
    renamed = table.rename(columns=dict(headers or {}))
    by_header = {renamed.columns[i]: chosen[c] for i, c in enumerate(table.columns) if chosen[c]}
    every = [f for f in (chosen[c] for c in table.columns) if f is not None]
    if len(every) == renamed.shape[1] and renamed.columns.is_unique:
        return display_styler(renamed, every)
    return renamed.style.format(by_header)
