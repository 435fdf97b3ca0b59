"""Protected cells as numbers the browser sorts by, and the words a reader sees in their place.

A protected share ("10 %", withheld), a count that reads "<5" and a Rupiah amount withheld beside it (rule 7) were
sent to the browser as text, which sorts "10 %" before "5 %" and "Rp 9.000" after "Rp 10.000". Each column of them
goes as numbers instead: the value the viewer may see, or one fixed number for a cell that shows none (never its
true value); its formatter writes the words back (docs/privacy.md). The browser's own table export is switched off
(`client.disableDataExport` in .streamlit/config.toml): it would write those fixed numbers, where the app's audited
downloads write the words.
"""

from __future__ import annotations

import math

import pandas as pd

from sinergi.common.amounts import is_amount, shown_amount
from sinergi.common.cells import Formatter, missing
from sinergi.common.fmt import EMPTY, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.i18n import translate
from sinergi.common.suppressed import LIMIT, SMALL, Share, breakdown_value, is_count, is_share, is_small_count

# What a withheld share or amount sorts by in the browser: below 0 (last when the reader sorts the largest first).
# A number, since the browser sorts a number column by its numbers and writes a missing one as the table's
# placeholder ("–") whatever the Styler says; never a true value (there is none to send).
WITHHELD_SORT = -1.0
# What a count that reads "<5" sorts by in the browser: between 0 and 5, where it belongs, and no whole number, so it
# reads as no count (the width a chart gives a hidden flow); the same for every such cell, never its true value.
HIDDEN_SORT = LIMIT / 2


def shown_shares(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return table with its protected shares (Share cells: rounded to 5 points, or withheld) as the numbers the
    browser sorts by (the rounded share; WITHHELD_SORT for a withheld one; NaN for a cell that is no Share, e.g. a
    row a merge did not find), and the names of those columns; `share_formatter` writes them back as words."""
    out, columns = table.copy(), []
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_share).any():
            continue
        out[column] = pd.Series(
            [
                WITHHELD_SORT if is_share(v) and v.withheld else math.nan if missing(v) else float(v)
                for v in out[column]
            ],
            index=out.index,
            dtype="float64",
        )
        columns.append(column)
    return out, columns


def share_formatter(lang: str, formatter: Formatter | None = None) -> Formatter:
    """Return how a column of protected shares (from shown_shares) is written: as the Share cell it was, through
    formatter when given, else "95 %" with no decimal (a rounded share has none) and a withheld one as the
    catalogue's word (a blank cell would read "None"); a cell that was no Share reads "–"."""
    write = formatter or (lambda cell: fmt_pct(cell, lang))

    def cell(value: object) -> str:
        if missing(value):
            return EMPTY
        return write(Share(math.nan if value == WITHHELD_SORT else float(value)))  # type: ignore[arg-type]

    return cell


def shown_counts(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return table with protected counts as the numbers the viewer may see (breakdown values, sortable) and the
    names of the columns with a "<5" cell, where that cell holds HIDDEN_SORT (`hidden_count_formatter` writes it)."""
    out, hidden = table.copy(), []
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_count).any():
            continue
        small = out[column].map(is_small_count)
        shown = pd.to_numeric(out[column].map(breakdown_value), errors="coerce").astype("float64")
        out[column] = shown.mask(small, HIDDEN_SORT)
        if small.any():
            hidden.append(column)
        elif not shown.isna().any() and (shown % 1 == 0).all():
            out[column] = shown.astype("int64")  # a count column as before: whole numbers
    return out, hidden


def hidden_count_formatter(lang: str, formatter: Formatter | None = None) -> Formatter:
    """Return how a count column with "<5" cells (from shown_counts) is written: "<5", "1.235", "–" for a missing
    cell; formatter, when given, gets that text (as it got the column's words before they sorted as numbers)."""

    def cell(value: object) -> str:
        if value == HIDDEN_SORT or missing(value):
            text = SMALL if value == HIDDEN_SORT else EMPTY
        else:
            text = fmt_number(value, lang)  # type: ignore[arg-type]  # a breakdown number of the column
        return formatter(text) if formatter else text

    return cell


def shown_amounts(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return table with its protected amounts (Amount cells, rule 7) as the numbers the browser sorts by: the
    amount as the viewer may see it, WITHHELD_SORT where it is withheld (beside a "<5"), NaN for a missing one; and
    the names of those columns (`amount_formatter` writes them as Rupiah)."""
    out, columns = table.copy(), []
    for column in out.columns:
        if out[column].dtype != object or not out[column].map(is_amount).any():
            continue
        out[column] = pd.Series(
            [
                math.nan if missing(v) else WITHHELD_SORT if (s := shown_amount(v)) is None else float(s)
                for v in out[column]
            ],
            index=out.index,
            dtype="float64",
        )
        columns.append(column)
    return out, columns


def amount_formatter(lang: str, formatter: Formatter | None = None) -> Formatter:
    """Return how a column of protected amounts (from shown_amounts) is written: "Rp 15.000.000" (through formatter
    when given), a withheld one as the catalogue's word, a missing one "–"."""
    write = formatter or (lambda v: fmt_rupiah(v, lang, short=False))
    withheld = translate("privacy.withheld", lang)
    return lambda v: EMPTY if missing(v) else withheld if v == WITHHELD_SORT else write(v)
