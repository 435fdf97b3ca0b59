"""Rupiah amounts summed over the households of a protected count (docs/privacy.md, rule 7).

An amount given at a fixed rate per household (BLT Dana Desa, PKH, BPNT ...) divided by the rate is the number of
households behind it, so beside a count that reads "<5" or is rounded to 5 the exact amount gives the count back.
An `Amount` keeps the true value for arithmetic (sums of cells stay exact) and the Count it was summed over; every
form that shows it gives the amount *for the count as shown*: the cell's amount per household times the count as
shown (rounded to 5), to two significant digits, or nothing where the count reads "<5". So amount ÷ rate gives back
only the count already shown, and the exact mean (amount ÷ count: random amounts on a Rupiah grid) does not name the
count as its denominator. By-name roles see the amount as it is. `float()`, Arrow and JSON refuse an Amount, like a
Count, so a page that forgets to show it properly fails instead of sending the true amount to the browser.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import pandas as pd

from sinergi.common.suppressed import Count, breakdown_value, true_value

DIGITS = 2  # significant digits of an amount shown beside a protected count


def _significant(value: float, digits: int = DIGITS) -> float:
    if not value or not math.isfinite(value):
        return value
    return float(round(value, digits - 1 - math.floor(math.log10(abs(value)))))


@functools.total_ordering  # <=, >, >= from < and ==, as sorting and comparisons need
class Amount:
    """A Rupiah amount summed over the households (or interventions) a Count counts: true inside, shown for the
    count as shown outside."""

    __slots__ = ("_count", "_value")

    def __init__(self, value: float, count: Count) -> None:
        self._value = float(value)
        self._count = count

    # -- arithmetic on true values: the sum of cells is the true sum, over the sum of their counts
    def __add__(self, other: object) -> Amount | float:
        if isinstance(other, Amount):
            count = self._count + other._count
            assert isinstance(count, Count)  # the sum of two Counts is one
            return Amount(self._value + other._value, count)
        if isinstance(other, float) and math.isnan(other):
            return other  # unknown stays unknown
        if isinstance(other, int | float) and not isinstance(other, bool) and other == 0:
            return self  # sum() starts from 0
        return NotImplemented

    __radd__ = __add__

    def _cmp(self, other: object) -> float:
        if isinstance(other, Amount):
            return other._value
        if isinstance(other, int | float) or hasattr(other, "__float__"):
            return float(other)
        raise TypeError(f"cannot compare an Amount with {type(other).__name__}")

    def __lt__(self, other: object) -> bool:
        return self._value < self._cmp(other)

    def __eq__(self, other: object) -> bool:
        try:
            return self._value == self._cmp(other)
        except TypeError:
            return False

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return self._value != 0

    # -- no silent way out as a number
    def __float__(self) -> float:
        raise TypeError("a protected amount: use shown_amount() for a table, fmt_rupiah() for text")

    __int__ = __float__  # both refuse

    # -- every text form is the amount as shown
    def __str__(self) -> str:
        shown = shown_amount(self)
        return "–" if shown is None else f"{shown:.0f}"

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return str(self)

    def __reduce__(self) -> tuple[type[Amount], tuple[float, Count]]:
        return (Amount, (self._value, self._count))


def is_amount(value: object) -> bool:
    """Return True when value is a protected Amount."""
    return isinstance(value, Amount)


def shown_amount(value: object) -> Any:
    """Return what a cell shows of an amount: as it is for by-name roles (and plain numbers); otherwise the amount
    for the count as shown, to two significant digits; None (withheld) where the count reads "<5"."""
    if not isinstance(value, Amount):
        return value
    count = value._count
    if count.exact:
        return value._value
    shown = breakdown_value(count)
    if shown is None:
        return None
    true = true_value(count)
    return _significant(value._value if true <= 0 else value._value * shown / true)


def amount_cells(amounts: pd.Series, counts: pd.Series) -> pd.Series:
    """Return amounts as Amount cells tied to the Count cells of the same rows (a missing amount stays missing)."""
    missing = amounts.isna().to_numpy()
    return pd.Series(
        [
            a if gap else Amount(a, c if isinstance(c, Count) else _plain_count(c))
            for a, c, gap in zip(amounts, counts, missing, strict=True)
        ],
        index=amounts.index,
        dtype=object,
    )


def _plain_count(value: object) -> Count:
    # a plain number is shown as it is; a count a join did not find gives nothing to divide by (shown as 0)
    return Count(0) if pd.isna(value) else Count(round(float(value)), exact=True)  # type: ignore[arg-type]


def show_amounts(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame with every Amount as the number the viewer may see (NaN where withheld), for exports."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(is_amount).any():
            shown = [shown_amount(v) for v in out[column]]
            out[column] = pd.to_numeric(pd.Series(shown, index=out.index), errors="coerce").astype("float64")
    return out
