"""The marker of a suppressed count and how it is shown: shared by the access rules, formatting and exports."""

from __future__ import annotations

import pandas as pd


class SmallCount(float):
    """A suppressed count (1 to 4): a NaN for arithmetic and sums, shown as "<5" by sinergi.common.fmt and exports."""

    def __new__(cls, *_: object) -> SmallCount:
        return super().__new__(cls, "nan")

    def __repr__(self) -> str:
        return "<5"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<5"

    def __reduce__(self) -> tuple:
        return (SmallCount, ())

    def __copy__(self) -> SmallCount:
        return self

    def __deepcopy__(self, memo: dict) -> SmallCount:
        return self


SMALL_COUNT = SmallCount()


def is_small_count(value: object) -> bool:
    """Return True when value is the suppressed-count marker."""
    return isinstance(value, SmallCount)


def show_small_counts(frame: pd.DataFrame, text: bool = True) -> pd.DataFrame:
    """Return frame with suppressed cells written "<5": for st.dataframe (text=True: the whole column as text, which
    Arrow accepts) or for exports (text=False: numbers stay numbers beside the "<5" cells)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(is_small_count).any():
            out[column] = out[column].map(
                lambda v: "<5" if is_small_count(v) else (str(v) if text and v == v else v)
            )
    return out
