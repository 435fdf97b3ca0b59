"""Protected counts of people: the true value for arithmetic, only the protected value for display.

Every count of people or households a page receives from `sinergi.ui.data.load` is a `Count`. Adding and subtracting
counts works on the true values, so totals, differences, ranks and sorts are exact. Everything that *shows* a count
— `str`, f-strings, CSV, Streamlit's table fallback, `fmt_number` — shows the protected value for roles without
by-name access (docs/privacy.md):

- a breakdown cell (per desa, per kecamatan, per category, per hexagon; the default): 0 stays 0, 1-4 reads "<5",
  5 and more is rounded to the nearest multiple of 5;
- a headline figure (a tile or a stated total of the selected region), only through `fmt_total`/`total_value`:
  0, "<5" for 1-4, otherwise exact.

`int()`, `float()`, Arrow, JSON (Plotly, pydeck) and Excel refuse a Count, so a page that forgets to protect fails
loudly instead of sending a true small value to the browser; charts and tables use `display_values`/`show_counts`.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

LIMIT = 5  # counts 1 .. LIMIT-1 are never shown to roles without by-name access
BASE = 5  # breakdown cells are rounded to a multiple of BASE
SMALL = "<5"
# What a derived figure counts a "<5" cell as for roles without by-name access (rule 8): the middle of 1-4, the same
# for every such cell, so a figure computed from it says nothing the "<5" does not (tables sort by the same value).
HIDDEN_VALUE = LIMIT / 2


class Count:
    """A count of people or households: the true value inside, the protected value outside."""

    __slots__ = ("_exact", "_value")

    def __init__(self, value: int, exact: bool = False) -> None:
        self._value = int(value)
        self._exact = bool(exact)  # True for by-name roles: shown as it is

    # -- arithmetic on true values: totals and differences stay exact, and stay protected
    def _other(self, other: object) -> tuple[int, bool] | None:
        # a result is shown as it is only when every count in it is (a plain integer changes nothing)
        if isinstance(other, Count):
            return other._value, other._exact
        if isinstance(other, bool | int) or (hasattr(other, "__index__") and not isinstance(other, float)):
            return int(other.__index__()), True
        return None

    def __add__(self, other: object) -> Count | float:
        if isinstance(other, float) and math.isnan(other):
            return other  # unknown stays unknown
        got = self._other(other)
        return NotImplemented if got is None else Count(self._value + got[0], self._exact and got[1])

    __radd__ = __add__

    def __sub__(self, other: object) -> Count | float:
        if isinstance(other, float) and math.isnan(other):
            return other
        got = self._other(other)
        return NotImplemented if got is None else Count(self._value - got[0], self._exact and got[1])

    def __rsub__(self, other: object) -> Count | float:
        if isinstance(other, float) and math.isnan(other):
            return other
        got = self._other(other)
        return NotImplemented if got is None else Count(got[0] - self._value, self._exact and got[1])

    def __neg__(self) -> Count:
        return Count(-self._value, self._exact)

    def __abs__(self) -> Count:
        return Count(abs(self._value), self._exact)

    def _cmp(self, other: object) -> float:
        if isinstance(other, Count):
            return other._value
        if (
            isinstance(other, int | float | bool)
            or hasattr(other, "__index__")
            or hasattr(other, "__float__")
        ):
            return float(other)  # type: ignore[arg-type]  # checked by the shapes above
        raise TypeError(f"cannot compare a Count with {type(other).__name__}")

    def __lt__(self, other: object) -> bool:
        return self._value < self._cmp(other)

    def __le__(self, other: object) -> bool:
        return self._value <= self._cmp(other)

    def __gt__(self, other: object) -> bool:
        return self._value > self._cmp(other)

    def __ge__(self, other: object) -> bool:
        return self._value >= self._cmp(other)

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
    def __int__(self) -> int:
        raise TypeError("a protected count: use total_value() for a headline, display_values() for a chart")

    __float__ = __int__
    __index__ = __int__

    # -- every text form is the protected breakdown value
    def __str__(self) -> str:
        shown = breakdown_value(self)
        return SMALL if shown is None else str(shown)

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return str(self)

    def __reduce__(self) -> tuple[type[Count], tuple[int, bool]]:
        return (Count, (self._value, self._exact))

    @property
    def exact(self) -> bool:
        """Whether this count is shown as it is (by-name roles)."""
        return self._exact


class Share(float):
    """A share in percent as a breakdown may show it to a viewer without by-name access: rounded to 5 points, or
    withheld (NaN). The marking lives in the cell, like a Count's, so it survives merges, concats and renames that
    drop a frame's attrs; tables write it with no decimal ("95 %") and a withheld one as a word. Arithmetic gives a
    plain float."""

    __slots__ = ()

    def __str__(self) -> str:
        return "–" if math.isnan(self) else f"{float(self):g}"

    __repr__ = __str__

    def __reduce__(self) -> tuple[type[Share], tuple[float]]:
        return (Share, (float(self),))

    @property
    def withheld(self) -> bool:
        """Whether the share is withheld from the viewer (the part or the rest reads "<5")."""
        return math.isnan(self)


class Band(float):
    """A KPI attainment in percent as a viewer without by-name access sees it for a count KPI (rule 8): the lower
    edge of its band of BAND_WIDTH points (100 for "100 % or more", -BAND_WIDTH for "below 0"). A whole percent computed from exact figures
    pins the count behind it; a band does not. Arithmetic (a median for a ranking) gives a plain float."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type[Band], tuple[float]]:
        return (Band, (float(self),))

    def __str__(self) -> str:
        low = int(self)
        return ">=100" if low >= 100 else "<0" if low < 0 else f"{low}-{low + BAND_WIDTH - 1}"

    __repr__ = __str__


BAND_WIDTH = 25  # points of an attainment band


def attainment_band(pct: float | None) -> float:
    """Return the Band of an attainment (NaN stays NaN): 25-point bands from 0 to 100, one band from 100 up and
    one below 0 (the wrong direction)."""
    if pct is None or math.isnan(pct):
        return math.nan
    if pct < 0:
        return Band(-BAND_WIDTH)
    return Band(100.0 if pct >= 100 else BAND_WIDTH * math.floor(pct / BAND_WIDTH))


def is_band(value: object) -> bool:
    """Return True when value is an attainment Band."""
    return isinstance(value, Band)


def is_share(value: object) -> bool:
    """Return True when value is a protected Share (rounded or withheld)."""
    return isinstance(value, Share)


def protected_share(part: object, whole: object) -> float | None:
    """Return breakdown_share(part, whole), as a Share cell when it was protected (rounded or withheld) for the
    viewer, so that tables and labels write it as one wherever the value travels; exact shares stay plain."""
    share = breakdown_share(part, whole)
    counts = [c for c in (part, whole) if isinstance(c, Count)]
    if not counts or all(c._exact for c in counts) or true_share(part, whole) is None:
        return share
    return Share(math.nan if share is None else share)


def share_cells(values: list[object], index: pd.Index) -> pd.Series:
    """Return shares as a column that keeps Share cells (object dtype: a float column would drop the marking)."""
    return pd.Series(values, index=index, dtype=object if any(map(is_share, values)) else "float64")


def is_count(value: object) -> bool:
    """Return True when value is a protected Count."""
    return isinstance(value, Count)


def is_small_count(value: object) -> bool:
    """Return True when value is a Count the viewer sees as "<5"."""
    return isinstance(value, Count) and not value._exact and 0 < value._value < LIMIT


def is_rounded_count(value: object) -> bool:
    """Return True when value is a Count the viewer sees rounded to a multiple of BASE (or as "<5")."""
    return isinstance(value, Count) and not value._exact


def round_base(value: float) -> int:
    """Return value rounded to the nearest multiple of BASE (5 -> 5, 7 -> 5, 8 -> 10)."""
    return int(BASE * math.floor(value / BASE + 0.5))


def breakdown_value(value: object) -> Any:
    """Return what a breakdown cell shows: the number, or None for "<5" (a plain number passes through)."""
    if not isinstance(value, Count):
        return value
    if value._exact or value._value <= 0:
        return value._value
    if value._value < LIMIT:
        return None
    return round_base(value._value)


def total_value(value: object) -> Any:
    """Return what a headline figure (tile, stated total) shows: exact, or None for "<5"."""
    if not isinstance(value, Count):
        return value
    if not value._exact and 0 < value._value < LIMIT:
        return None
    return value._value


def partition_hidden(parts: object) -> bool:
    """Return True when a part of a whole (tiles that add up to one total) reads "<5" for the viewer.

    The whole and every part are then shown as breakdown cells (rounded to a multiple of 5), since the exact other
    parts and the exact whole would give the hidden part back by subtraction (docs/privacy.md)."""
    return any(is_small_count(p) for p in parts)  # type: ignore[attr-defined]  # any iterable of cells


def rounded_ratio(amount: object, count: object) -> float | None:
    """Return amount / count as the viewer may see it: from the true count for by-name roles and plain numbers;
    for a protected count, from the count as shown (rounded to 5), so that amount / ratio gives back the shown
    count and never the true one; None when the count reads "<5" or is 0."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return None
    shown = breakdown_value(count) if isinstance(count, Count) else count
    if shown is None or (isinstance(shown, float) and math.isnan(shown)) or not shown:
        return None
    return float(amount) / float(shown)  # type: ignore[arg-type]  # a number once breakdown_value ran


def true_share(part: object, whole: object) -> float | None:
    """Return 100 x part / whole from the true values (None when whole is 0): for headline shares only."""
    # plain numbers come from pandas cells (numpy scalars, floats, None): Any, not object
    p: Any = part._value if isinstance(part, Count) else part
    w: Any = whole._value if isinstance(whole, Count) else whole
    if w is None or p is None or (isinstance(w, float) and math.isnan(w)) or not w:
        return None
    return 100.0 * float(p) / float(w)


def true_value(value: object) -> Any:
    """Return the true number behind a Count, for arithmetic that is never shown as a count (attainment, scores).

    Whatever is computed from it must be displayed through the rules of docs/privacy.md, never as a count."""
    return value._value if isinstance(value, Count) else value


def shown_number(value: object) -> Any:
    """Return the number a derived figure (score, attainment, change) may be computed from (docs/privacy.md, rule 8):
    the true value of a count shown as it is (by-name roles, plain numbers); for a protected count, the count as
    shown (a multiple of 5), or HIDDEN_VALUE where it reads "<5". So the figure gives back only what is shown."""
    if not isinstance(value, Count):
        return value
    shown = breakdown_value(value)
    return HIDDEN_VALUE if shown is None else shown


def breakdown_share(part: object, whole: object) -> float | None:
    """Return the share a breakdown cell may show, in percent.

    Exact for by-name roles and for plain numbers. For protected counts: withheld (None) when the part or the rest
    (whole - part) is 1-4, since the share would give it back; otherwise rounded to a multiple of 5 points and, when
    strictly between 0 and 100, kept between 5 and 95 so that "100 %" never hides a household left out.
    """
    share = true_share(part, whole)
    counts = [c for c in (part, whole) if isinstance(c, Count)]
    if share is None or not counts or all(c._exact for c in counts):
        return share
    p = part._value if isinstance(part, Count) else int(true_value(part))
    w = whole._value if isinstance(whole, Count) else int(true_value(whole))
    if 0 < p < LIMIT or 0 < w - p < LIMIT:
        return None
    shown = float(round_base(share))
    return min(max(shown, 5.0), 95.0) if 0 < p < w else shown


def display_values(values: pd.Series | list[object]) -> pd.Series:
    """Return the breakdown values as floats for a chart or a map (NaN where "<5"): what may leave the server."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    return pd.to_numeric(series.map(breakdown_value), errors="coerce").astype(float)


def hidden_mask(values: pd.Series) -> pd.Series:
    """Return True where a breakdown cell reads "<5"."""
    return values.map(is_small_count).astype(bool)


def has_counts(frame: pd.DataFrame) -> bool:
    """Return True when any cell of frame is a Count."""
    return any(frame[c].dtype == object and frame[c].map(is_count).any() for c in frame.columns)


def show_counts(frame: pd.DataFrame, text: bool = True) -> pd.DataFrame:
    """Return frame with every Count replaced by what the viewer may see, for tables and exports.

    text=True (st.dataframe): a column holding "<5" becomes text; other count columns become integers.
    text=False (exports): numbers stay numbers beside the "<5" cells. Share cells become plain numbers (a withheld
    one empty): their values are already what the viewer may see.
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(is_share).any():
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
            continue
        if out[column].dtype != object or not out[column].map(is_count).any():
            continue
        shown = [breakdown_value(v) for v in out[column]]
        if any(is_small_count(v) for v in out[column]):
            out[column] = pd.Series(
                [SMALL if s is None else (str(s) if text else s) for s in shown],
                index=out.index,
                dtype=object,
            )
        else:
            out[column] = pd.to_numeric(pd.Series(shown, index=out.index), errors="coerce")
    return out


# Kept for callers of the former name: tables and exports show protected counts the same way.
show_small_counts = show_counts
