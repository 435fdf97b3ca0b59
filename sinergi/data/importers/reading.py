"""Reading spreadsheets as text, as they come: encodings, delimiters, title blocks, two-row headers, broken rows.

A file is either read, or refused with a ReadError that carries a catalogue key (`impor.read.*`) and a hint. Rows that
cannot be read (a different number of fields than the header, a cell over the field limit) are reported with their
row number in the file and left out; cell checks (control characters, undecodable bytes, oversize cells) run after.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import numpy as np
import pandas as pd

from sinergi.data.importers.csv_text import decode, read_csv, utf16_order
from sinergi.data.importers.headers import (
    HEADER_SCAN_ROWS,
    ReadError,
    Sheet,
    header,
    norm_name,
    squeeze,
    unique_names,
)
from sinergi.data.importers.report import ERROR, WARNING, Report

MAX_CELL_CHARS = 1_000  # longer cells are a broken quote or a pasted document, never a P3KE value
_CONTROL_TEXT = "[\x00-\x08\x0b\x0c\x0e-\x1f]"
_BINARY_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])  # never in text (tab, LF, CR are)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
__all__ = ["ReadError", "Sheet", "decode", "norm_name", "squeeze"]


def norm_values(series: pd.Series) -> pd.Series:
    """Return coded values for comparison: upper case, non-breaking and repeated spaces collapsed (vectorised)."""
    # coded columns hold few distinct values: normalise those once and spread them back
    codes, uniques = pd.factorize(series.astype("string").fillna(""))
    clean = pd.Series([squeeze(str(u)).upper() for u in uniques], dtype="string")
    return pd.Series(clean.to_numpy()[codes] if len(uniques) else [], index=series.index, dtype="string")


def is_excel(name: str, data: bytes) -> bool:
    """Return True for .xlsx/.xlsm content (a zip with an xl/ folder)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(n.startswith("xl/") for n in zf.namelist())
    except zipfile.BadZipFile:
        return False


def read_sheets(name: str, data: bytes, known: set[str], report: Report, min_matches: int = 3) -> list[Sheet]:
    """Return the data sheets of a CSV or Excel file, each starting below its detected header row(s)."""
    if is_excel(name, data):
        sheets = _read_excel(data, known, min_matches, report)
    elif data.startswith(_OLE2):
        raise ReadError("impor.read.xls")
    elif data.startswith(b"PK\x03\x04"):
        raise ReadError("impor.read.not_table")
    else:
        if not data.strip():
            raise ReadError("impor.read.empty")
        head = data[:4000]
        control = sum(head.count(b) for b in _BINARY_BYTES)
        if utf16_order(data) is None and control > 0.05 * len(head):
            raise ReadError("impor.read.not_table")  # images, archives, old binary formats
        sheets = [read_csv(data, known, min_matches, report)]
    for sheet in sheets:
        _second_header_hint(sheet, known, report)
    return sheets


def _second_header_hint(sheet: Sheet, known: set[str], report: Report) -> None:
    # a header row the reader could not merge shows up as a first data row full of column names
    if sheet.frame.empty:
        return
    first = {norm_name(v) for v in sheet.frame.iloc[0] if str(v).strip()}
    if len(first & known) >= 2:
        report.add(report.t("impor.read.second_header"), ERROR, sheet.first_data_row, sheet=sheet.sheet)


def _read_excel(data: bytes, known: set[str], min_matches: int, report: Report) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ReadError("impor.read.broken_excel", kind=type(exc).__name__) from exc
    sheets: list[Sheet] = []
    try:
        for ws in wb.worksheets:
            head = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN_ROWS + 1, values_only=True)]
            found = header(head, known, min_matches)
            if found is None:
                continue
            idx, names, header_rows = found
            names = unique_names(names)
            body, numbers = [], []
            first = idx + header_rows + 1
            for number, row in enumerate(ws.iter_rows(min_row=first, values_only=True), start=first):
                if any(c is not None and str(c).strip() for c in row):
                    cells = [_cell_text(c) for c in row[: len(names)]]
                    body.append(cells + [""] * (len(names) - len(cells)))
                    numbers.append(number)
            frame = pd.DataFrame(body, columns=names, dtype="string")
            sheets.append(
                Sheet(frame, ws.title, np.asarray(numbers, dtype=int), "xlsx", {"control", "replacement"})
            )
    finally:
        wb.close()
    if not sheets:
        raise ReadError("impor.read.no_sheet", rows=HEADER_SCAN_ROWS)
    return sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):  # openpyxl and pandas timestamps (a subclass)
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_cells(sheet: Sheet, report: Report, columns: list[str] | None = None) -> None:
    """Report cells no real value holds: control characters (NUL …) and cells over MAX_CELL_CHARS are errors,
    bytes the encoding does not define (shown as �) are warnings; each with row and column."""
    frame = sheet.frame
    for column in columns if columns is not None else list(frame.columns):
        text = frame[column].astype("string").fillna("")
        long = text.str.len().gt(MAX_CELL_CHARS).to_numpy()
        if long.any():
            report.add_rows(report.t("impor.read.long_cell", limit=MAX_CELL_CHARS), ERROR, sheet.rows[long], column,
                            text[long].str.slice(0, 60).to_numpy(), sheet=sheet.sheet)  # fmt: skip
        if "control" in sheet.suspects:
            bad = text.str.contains(_CONTROL_TEXT, regex=True).to_numpy() & ~long
            if bad.any():
                shown = text[bad].str.replace(_CONTROL_TEXT, "�", regex=True).str.slice(0, 60).to_numpy()
                report.add_rows(report.t("impor.read.control"), ERROR, sheet.rows[bad], column, shown,
                                sheet=sheet.sheet)  # fmt: skip
        if "replacement" in sheet.suspects:
            odd = text.str.contains("\ufffd", regex=False).to_numpy() & ~long
            if odd.any():
                report.add_rows(report.t("impor.read.undecodable", encoding=sheet.encoding), WARNING,
                                sheet.rows[odd], column, text[odd].str.slice(0, 60).to_numpy(), sheet=sheet.sheet)  # fmt: skip


def match_columns(columns: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Return {field: column in the file} for every field whose name or an alias appears (first match wins)."""
    by_norm: dict[str, str] = {}
    for col in columns:
        by_norm.setdefault(norm_name(col), col)
    found: dict[str, str] = {}
    for fieldname, names in aliases.items():
        for alias in names:
            if norm_name(alias) in by_norm:
                found[fieldname] = by_norm[norm_name(alias)]
                break
    return found


def parse_dates(series: pd.Series) -> pd.Series:
    """Return datetimes from text written as 2023-01-31, 31-01-2023, 31/01/2023 or 31.01.2023 (NaT if invalid)."""
    text = series.astype("string").str.strip().str.slice(0, 10)
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    dmy = pd.to_datetime(text.str.replace(r"[/.]", "-", regex=True), format="%d-%m-%Y", errors="coerce")
    return iso.fillna(dmy)


def to_int(series: pd.Series) -> pd.Series:
    """Return integers from text (NA when not a whole number)."""
    num = pd.to_numeric(
        series.astype("string").str.strip().str.replace(",", ".", regex=False), errors="coerce"
    )
    return num.where(num.round() == num).astype("Int64")
