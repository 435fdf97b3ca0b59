"""A table as the reader sees it, cell by cell, for the downloads: the screen's text, typed for a spreadsheet.

A download holds the table the screen draws (`sinergi.common.display.styled`, or a page's own display Styler): the
same columns under the same headers, every row, and each cell read from the text the screen writes, never from the
data under it. That data is what the browser sorts by: for a protected cell a fixed sort number (−1 for a withheld
share or amount, 2,5 for a count that reads "<5"), elsewhere a value with more precision than the screen shows
(an attainment of 69,565… shown as "70 %"). So a cell whose text is a number ("1.235", "12,5 %",
"Rp 4.676.654.274", "+3 poin") becomes that number, at the screen's decimals, its unit kept as an Excel number
format; a cell whose text is the date (and time) of its value becomes that date; every other cell (words, a code's
label, "Ya", "<5", "disembunyikan", "–") stays the screen's text. Only a cell whose value is a number or a date is
read as one: a code that looks like a number ("0812…", "9902010001") stays text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

import pandas as pd
from pandas.io.formats.style import Styler

from sinergi.common.fmt import fmt_date, fmt_datetime

# Month names in the file's language through a locale tag ([$-421] Indonesian, [$-409] English).
DATE_FORMATS = {"id": "[$-421]d mmmm yyyy", "en": "[$-409]d mmmm yyyy"}
DATETIME_FORMATS = {"id": "[$-421]d mmmm yyyy, hh.mm", "en": "[$-409]d mmmm yyyy, hh:mm"}
_SEPARATORS = {"id": (".", ","), "en": (",", ".")}  # (group, decimal) as sinergi.common.fmt writes them
_CELL_ID = re.compile(r"row(\d+)_col(\d+)$")
# The words of a short Rupiah ("Rp 4,7 miliar": sinergi.common.fmt.fmt_rupiah) and the powers of ten they stand for;
# Excel scales a number by a thousand for each comma after its digits
_SCALES = {
    "ribu": 3, "juta": 6, "miliar": 9, "triliun": 12, "thousand": 3, "million": 6, "billion": 9, "trillion": 12
}  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One cell of a download: value is what a spreadsheet holds (a number, a date, or the screen's text), excel
    its number format (None for text), csv how a CSV writes it, unit the unit its number carries on screen."""

    value: int | float | date | datetime | str
    excel: str | None = None
    csv: str = ""
    unit: str = ""

    @property
    def is_number(self) -> bool:
        """Return True for a number (not a date, not text)."""
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


@dataclass(frozen=True)
class ExportTable:
    """The table of a download: headers as the screen shows them and every row of cells."""

    columns: list[str]
    rows: list[list[Cell]]

    def __len__(self) -> int:
        return len(self.rows)

    def csv_columns(self) -> list[str]:
        """Return the headers of the CSV: a column whose numbers all carry one unit ("%", "Rp", "poin") names it in
        its header, since a CSV number has no room for it (unless the header says it already)."""
        out = []
        for j, header in enumerate(self.columns):
            units = {row[j].unit for row in self.rows if row[j].is_number}
            unit = next(iter(units)) if len(units) == 1 else ""
            names = (
                ("Rp", "IDR") if unit in ("Rp", "IDR") else (unit,)
            )  # "Pledged (Rp)" over "IDR 4.7 billion"
            named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", str(header), re.IGNORECASE) for n in names)
            out.append(f"{header} ({unit})" if unit and not named else str(header))
        return out


@cache
def _number(lang: str) -> re.Pattern[str]:
    group, mark = (re.escape(s) for s in _SEPARATORS[lang])
    return re.compile(
        r"(?P<sign>[+±−-]?)(?P<pre>(?:Rp|IDR) )?"
        rf"(?P<whole>\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{mark}(?P<dec>\d+))?"
        r"(?P<post> ?%| [^\W\d_]+)?"
    )


def _literal(text: str) -> str:
    return f'"{text}"' if text else ""


def number_cell(text: str, lang: str) -> Cell | None:
    """Return the number a cell's text writes ("1.235", "−12,5 %", "Rp 1.234", "+3 poin"), at its decimals, or None
    when the text is no number of lang."""
    found = _number(lang).fullmatch(text)
    if found is None:
        return None
    group, mark = _SEPARATORS[lang]
    sign, pre, whole, dec = found["sign"], found["pre"] or "", found["whole"], found["dec"] or ""
    post = found["post"] or ""
    digits = whole.replace(group, "")
    negative = sign in ("−", "-")
    magnitude = Decimal(f"{digits}.{dec}") if dec else Decimal(digits)
    power = _SCALES.get(post.strip(), 0) if pre else 0  # "Rp 4,7 miliar" is 4.700.000.000
    if power:
        magnitude = magnitude.scaleb(power)
        digits, dec = str(int(magnitude)), ""
    value: int | float = float(magnitude) if dec else int(magnitude)
    if negative:
        value = -value
    grouped = group in whole or len(whole) <= 3
    core = ("#,##0" if grouped else "0") + ("." + "0" * len(found["dec"] or "") if found["dec"] else "")
    shape = f"{_literal(pre)}{core}{',' * (power // 3)}{_literal(post)}"
    if sign in ("+", "±"):
        excel = f'"+"{shape};"−"{shape};"±"{shape}'
    elif negative:
        excel = f'{shape};"−"{shape}'
    else:
        excel = shape
    csv = ("-" if negative and magnitude else "") + digits + (mark + dec if dec else "")
    unit = pre.strip() if power else " ".join(p.strip() for p in (pre, post) if p.strip())
    return Cell(value, excel, csv, unit)


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def date_cell(text: str, value: object, lang: str) -> Cell | None:
    """Return the date (or date and time, to the minute) a cell's text writes of its value, or None: "2 Januari
    2023", "2 Januari 2023, 13.05 UTC" (text after the date stays in the number format)."""
    when = _as_datetime(value)
    if when is None:
        return None
    when = when.replace(tzinfo=None)
    for written, shape, cell in (
        (fmt_datetime(when, lang), DATETIME_FORMATS[lang], when.replace(second=0, microsecond=0)),
        (fmt_date(when, lang), DATE_FORMATS[lang], datetime(when.year, when.month, when.day)),
    ):
        if text == written or text.startswith(f"{written} "):
            return Cell(cell, shape + _literal(text[len(written) :]), text)
    return None


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return bool(hasattr(value, "dtype") and pd.api.types.is_number(value) and not isinstance(value, bool))
    return not (isinstance(value, float) and math.isnan(value))


def read_cell(text: str, value: object, lang: str) -> Cell:
    """Return a download's cell of the screen's text over its value (see the module docstring)."""
    if _is_number(value):
        cell = number_cell(text, lang)
        if cell is not None:
            return cell
    elif not isinstance(value, str) or text != value:
        cell = date_cell(text, value, lang)
        if cell is not None:
            return cell
    return Cell(text, None, text)


def screen_texts(styler: Styler) -> list[list[str]]:
    """Return the text the screen writes in each cell of styler (what Streamlit sends as its display values)."""
    data = styler.data
    texts = [["" for _ in data.columns] for _ in range(len(data))]
    with pd.option_context(
        "styler.render.max_elements", max(1, data.size + len(data) + len(data.columns) + 1)
    ):
        styler._compute()
        body = styler._translate(False, False)["body"]
    for row in body:
        for cell in row:
            found = _CELL_ID.match(str(cell.get("id", "")))
            if found:
                texts[int(found[1])][int(found[2])] = str(cell["display_value"])
    return texts


def export_table(styler: Styler, lang: str) -> ExportTable:
    """Return the table a download holds of a table the screen draws as styler (its headers, its rows)."""
    data = styler.data
    columns = [data[c].tolist() for c in data.columns] if data.columns.is_unique else None
    texts = screen_texts(styler)
    rows = [
        [
            read_cell(text, columns[j][i] if columns else data.iat[i, j], lang)
            for j, text in enumerate(texts_of_row)
        ]
        for i, texts_of_row in enumerate(texts)
    ]
    return ExportTable([str(c) for c in data.columns], rows)
