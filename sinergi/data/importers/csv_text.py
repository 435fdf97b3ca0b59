"""CSV and text exports as they come: UTF-16 ("Unicode Text" from Excel), UTF-8, Windows-1252; `;`, `,` or tab; a
fast parallel parser, and a careful one that names the rows it cannot read."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from sinergi.data.importers.headers import HEADER_SCAN_ROWS, ReadError, Sheet, header, norm_name, unique_names
from sinergi.data.importers.report import ERROR, Report

SEPARATORS = (";", ",", "\t")
_LINE_BREAK = re.compile("\r\n|\n|\r")
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def utf16_order(data: bytes) -> str | None:
    """Return the codec of UTF-16 text (BOM, or every other byte NUL in mostly-ASCII text), else None."""
    if data[:2] == b"\xff\xfe":
        return "utf-16"
    if data[:2] == b"\xfe\xff":
        return "utf-16"
    head = data[:4000]
    if len(head) < 8:
        return None
    # mostly-ASCII text in UTF-16 without a BOM: every other byte is NUL
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * len(head) / 2 and even < 0.05 * len(head) / 2:
        return "utf-16-le"
    if even > 0.4 * len(head) / 2 and odd < 0.05 * len(head) / 2:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name): UTF-16 ("Unicode Text" from Excel), UTF-8 with or without BOM, else
    Windows-1252 as spreadsheets save it (bytes it does not define become U+FFFD and are reported per cell)."""
    order = utf16_order(data)
    if order:
        return data.decode(order, errors="replace").lstrip("\ufeff"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _sniff_rows(lines: list[str], sep: str) -> list[list[str]]:
    rows = []
    for line in lines:
        try:
            rows.append(next(csv.reader([line], delimiter=sep), []))
        except csv.Error:  # e.g. a field over the csv module's limit: not a header line
            rows.append([])
    return rows


def read_csv(data: bytes, known: set[str], min_matches: int, report: Report) -> Sheet:
    """Return the data below the detected header of a CSV or text export; unreadable rows are reported."""
    text, encoding = decode(data)
    # split as the parsers do (CR, LF, CRLF), so the header's line index is the parser's row index
    head = _LINE_BREAK.split(text[:200_000])[:HEADER_SCAN_ROWS]
    best: tuple[int, str, list[str], int, int] | None = None
    for sep in SEPARATORS:
        sniffed = _sniff_rows(head, sep)
        found = header(sniffed, known, min_matches)
        if found is not None:
            idx, names, header_rows = found
            score = len({norm_name(c) for c in names} & known)
            if best is None or score > best[4]:
                best = (idx, sep, names, header_rows, score)
    if best is None:
        raise ReadError("impor.read.no_header", rows=HEADER_SCAN_ROWS)
    idx, sep, names, header_rows, _ = best
    names = unique_names(names)
    skip = idx + header_rows
    # UTF-8 goes to the parser as it came (no second copy of a 300 MB file); other encodings as UTF-8
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    raw = body if encoding == "UTF-8" else text.encode("utf-8")
    try:
        frame = _parse_fast(raw, sep, skip, names)
        # row numbers hold only when every record is one line: blank lines or line breaks inside quotes shift them
        if len(frame) + skip != raw.count(b"\n") + (not raw.endswith(b"\n")):
            raise ValueError("records and lines differ")
        rows = np.arange(len(frame)) + skip + 1
        frame, rows = _drop_blank_rows(frame, rows)
    except (pa.ArrowInvalid, ValueError):
        frame, rows = _parse_slow(text, sep, skip, names, report)
    suspects = set()
    if raw.translate(None, _NOT_CONTROL):
        suspects.add("control")
    if "\ufffd" in text:
        suspects.add("replacement")
    return Sheet(frame, "", rows, encoding, suspects)


def _drop_blank_rows(frame: pd.DataFrame, rows: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    # rows of separators only (";;;;" at the end of an Excel export); only rows with a blank first cell are checked
    first_blank = (frame.iloc[:, 0].str.strip() == "").to_numpy() if len(frame.columns) else np.zeros(0, bool)
    if not first_blank.any():
        return frame, rows
    candidates = frame[first_blank]
    blank = np.zeros(len(frame), dtype=bool)
    blank[first_blank] = candidates.apply(lambda c: c.str.strip() == "").all(axis=1).to_numpy()
    return frame[~blank].reset_index(drop=True), rows[~blank]


def _parse_fast(data: bytes, sep: str, skip: int, names: list[str]) -> pd.DataFrame:
    # pyarrow parses in parallel, every column as text (leading zeros of NIK and codes survive); it refuses ragged
    # rows and fields beyond a block, and then the careful reader below takes over
    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(skip_rows=skip, column_names=names),
        parse_options=pacsv.ParseOptions(delimiter=sep),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.to_pandas()


def _parse_slow(
    text: str, sep: str, skip: int, names: list[str], report: Report
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the readable rows and their file row numbers; report rows with another field count and stop at a
    field the csv module cannot hold (a quote that is never closed swallows the rest of the file)."""
    lines = io.StringIO(text)
    for _ in range(skip):
        lines.readline()
    reader = csv.reader(lines, delimiter=sep)
    width, body, numbers, ragged, counts = len(names), [], [], [], []
    named = max((i + 1 for i, n in enumerate(names) if not n.startswith("kolom_")), default=width)
    end = skip
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            report.add(report.t("impor.read.field_limit"), ERROR, skip + reader.line_num)
            break
        end = skip + reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and not any(c.strip() for c in record[width:]):
            record = record[:width]  # trailing separators: empty cells beyond the header
        elif named <= len(record) < width:
            record = record + [""] * (width - len(record))  # the header ends in separators, this row does not
        if len(record) != width:
            ragged.append(start)
            counts.append(len(record))
            continue
        body.append(record)
        numbers.append(start)
    if ragged:
        report.add_rows(report.t("impor.read.ragged", width=width), ERROR, ragged, "",
                        [report.t("impor.read.ragged_value", count=c) for c in counts])  # fmt: skip
    frame = (
        pd.DataFrame(body, columns=names, dtype="string")
        if body
        else pd.DataFrame(columns=names, dtype="string")
    )
    return frame, np.asarray(numbers, dtype=int)
