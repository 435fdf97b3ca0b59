"""Finding the header of a spreadsheet: names compared loosely, title blocks skipped, a two-row (merged) header
read as one; and what every reader returns (Sheet) or raises (ReadError)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

HEADER_SCAN_ROWS = 40  # official P3KE exports put a title block above the header (data start at row 13)
_SPACES_TEXT = "[\\s\u00a0\u2007\u202f\u200b\ufeff]+"  # a plain pattern: pandas hands it to pyarrow (fast)
_SPACES = re.compile(_SPACES_TEXT)


class ReadError(Exception):
    """The file cannot be read at all: a catalogue key and its values (the message is made in the report's language)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Sheet:
    frame: pd.DataFrame  # every cell as text, columns as written in the file
    sheet: str  # sheet name ('' for CSV)
    rows: np.ndarray  # the row number in the file of each frame row (1-based, as a spreadsheet shows it)
    encoding: str = ""
    suspects: set[str] = field(default_factory=set)  # 'control', 'replacement': cell checks worth running

    @property
    def first_data_row(self) -> int:
        return int(self.rows[0]) if len(self.rows) else 0


def squeeze(text: str) -> str:
    """Return text with odd (non-breaking, zero-width) and repeated spaces collapsed, and stripped."""
    return _SPACES.sub(" ", text).strip()


def norm_name(name: object) -> str:
    """Return a column name for matching: lower case, odd spaces collapsed, punctuation spacing ignored."""
    text = _SPACES.sub(" ", str(name)).strip().lower()
    return re.sub(r"\s*([/_.()-])\s*", r"\1", text).replace("_", " ")


def _text(cell: object) -> str:
    return "" if cell is None else squeeze(str(cell))


def _header_index(rows: Sequence[Sequence[object]], known: set[str], min_matches: int) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        names = {norm_name(c) for c in row if c is not None and str(c).strip()}
        if len(names & known) >= min_matches:
            return i
    return None


def header(
    rows: Sequence[Sequence[object]], known: set[str], min_matches: int
) -> tuple[int, list[str], int] | None:
    """Return (index of the header row, column names, header rows) with a second header row merged in."""
    idx = _header_index(rows, known, min_matches)
    if idx is None:
        return None
    top = [_text(c) for c in rows[idx]]
    if idx + 1 < len(rows):
        merged = _merge_second_row(top, [_text(c) for c in rows[idx + 1]], known)
        if merged is not None:
            return idx, merged, 2
    return idx, top, 1


def _merge_second_row(top: list[str], second: list[str], known: set[str]) -> list[str] | None:
    """Return names from a two-row header (a label merged over several columns, their names below), or None when
    the second row is data."""
    width = max(len(top), len(second))
    top, second = top + [""] * (width - len(top)), second + [""] * (width - len(second))
    labels, carry = [], ""
    for cell in top:
        carry = cell or carry  # a merged cell keeps its text in the first column only
        labels.append(carry)
    names, gained, clashes = [], 0, 0
    for cell, label, below in zip(top, labels, second, strict=True):
        top_known = bool(cell) and norm_name(cell) in known
        if not below:
            names.append(cell)
            continue
        clashes += top_known  # data rows fill the columns the header already names
        found = next((c for c in (below, f"{label} {below}") if norm_name(c) in known), None)
        gained += found is not None and not top_known
        names.append(found or cell or f"{label} {below}".strip())
    named = sum(bool(c) and norm_name(c) in known for c in top)
    return names if gained and clashes <= max(1, named // 4) else None


def unique_names(names: list[str]) -> list[str]:
    """Return names with blanks named kolom_N and repeats made unique (parsers need distinct column names)."""
    out: list[str] = []
    for i, name in enumerate(names):
        base = name or f"kolom_{i + 1}"
        out.append(base if base not in out else f"{base} ({i + 1})")
    return out
