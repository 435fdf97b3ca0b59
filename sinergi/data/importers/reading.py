"""Reading spreadsheets as text: delimiter and header-row detection, name and value normalisation."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

HEADER_SCAN_ROWS = 40  # official P3KE exports put a title block above the header (data start at row 13)
_SPACES_TEXT = "[\\s\u00a0\u2007\u202f\u200b\ufeff]+"  # a plain pattern: pandas hands it to pyarrow (fast)
_SPACES = re.compile(_SPACES_TEXT)


class ReadError(Exception):
    """The file cannot be read at all; the message is in Bahasa Indonesia."""


@dataclass
class Sheet:
    frame: pd.DataFrame  # every cell as text, columns as written in the file
    sheet: str  # sheet name ('' for CSV)
    first_data_row: int  # 1-based row number of the first data row in the file


def norm_name(name: object) -> str:
    """Return a column name for matching: lower case, odd spaces collapsed, punctuation spacing ignored."""
    text = _SPACES.sub(" ", str(name)).strip().lower()
    return re.sub(r"\s*([/_.()-])\s*", r"\1", text).replace("_", " ")


def norm_values(series: pd.Series) -> pd.Series:
    """Return coded values for comparison: upper case, non-breaking and repeated spaces collapsed (vectorised)."""
    # coded columns hold few distinct values: normalise those once and spread them back
    codes, uniques = pd.factorize(series.astype("string").fillna(""))
    clean = pd.Series([_SPACES.sub(" ", str(u)).strip().upper() for u in uniques], dtype="string")
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


def decode(data: bytes) -> str:
    """Return file text: UTF-8 (with or without BOM), else Windows-1252 as spreadsheets save it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_sheets(name: str, data: bytes, known: set[str], min_matches: int = 3) -> list[Sheet]:
    """Return the data sheets of a CSV or Excel file, each starting at its detected header row."""
    if is_excel(name, data):
        return _read_excel(data, known, min_matches)
    if data[:4] == b"PK\x03\x04" or b"\x00" in data[:2000]:
        raise ReadError("Berkas bukan CSV atau Excel (.xlsx) yang dapat dibaca.")
    return [_read_csv(decode(data), known, min_matches)]


def _header_index(rows: list[list[object]], known: set[str], min_matches: int) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        names = {norm_name(c) for c in row if c is not None and str(c).strip()}
        if len(names & known) >= min_matches:
            return i
    return None


def _read_csv(text: str, known: set[str], min_matches: int) -> Sheet:
    head = text[:200_000].splitlines()[:HEADER_SCAN_ROWS]
    if not head:
        raise ReadError("Berkas kosong.")
    best: tuple[int, str, int] | None = None
    for sep in (";", ",", "\t"):
        rows = list(csv.reader(head, delimiter=sep))
        idx = _header_index(rows, known, min_matches)
        if idx is not None:
            score = len({norm_name(c) for c in rows[idx]} & known)
            if best is None or score > best[2]:
                best = (idx, sep, score)
    if best is None:
        raise ReadError(
            "Baris judul kolom tidak ditemukan: kolom yang dikenal tidak ada dalam "
            f"{HEADER_SCAN_ROWS} baris pertama (pemisah ';' atau ',')."
        )
    idx, sep, _ = best
    names = next(csv.reader(head[idx : idx + 1], delimiter=sep))
    frame = _parse_csv(text.encode("utf-8"), sep, idx, names)
    return Sheet(frame, "", idx + 2)


def _parse_csv(data: bytes, sep: str, skip: int, names: list[str]) -> pd.DataFrame:
    # pyarrow parses in parallel, every column as text (leading zeros of NIK and codes survive)
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(skip_rows=skip + 1, column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError) as exc:
        raise ReadError(f"CSV tidak dapat dibaca: jumlah kolom tidak sama di setiap baris ({exc}).") from exc
    return table.to_pandas()


def _read_excel(data: bytes, known: set[str], min_matches: int) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ReadError(f"Berkas Excel rusak atau tidak dapat dibuka ({type(exc).__name__}).") from exc
    sheets: list[Sheet] = []
    for ws in wb.worksheets:
        head = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
        idx = _header_index(head, known, min_matches)
        if idx is None:
            continue
        rows = ws.iter_rows(min_row=idx + 1, values_only=True)
        header = [str(c).strip() if c is not None else f"kolom_{i + 1}" for i, c in enumerate(next(rows))]
        body = [[_cell_text(c) for c in r[: len(header)]] for r in rows if any(c is not None for c in r)]
        frame = pd.DataFrame(body, columns=header[: max((len(r) for r in body), default=len(header))])
        sheets.append(Sheet(frame.reindex(columns=header, fill_value=""), ws.title, idx + 2))
    wb.close()
    if not sheets:
        raise ReadError(
            "Tidak ada lembar dengan baris judul kolom yang dikenal dalam "
            f"{HEADER_SCAN_ROWS} baris pertama. Gunakan templat dari halaman Kelola Data."
        )
    return sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
