"""Table downloads: localised headers, numbers and Rupiah kept numeric with formats, dates as dates, CSV dialects."""

import io
from datetime import date, datetime

import openpyxl
import pandas as pd

from sinergi.common.table_export import (
    excel_formats,
    export_stamp,
    localise_headers,
    to_csv_bytes,
    to_excel_bytes,
)

FRAME = pd.DataFrame(
    {
        "desa_code": ["99.02.01.2001", "99.02.01.2002"],
        "allocated_rp": [1_234_567_890.0, 350_000_000.0],
        "households_count": [1234, 56],
        "reached_pct": [12.5, 100.0],
        "ended_on": pd.to_datetime(["2026-08-14", "2027-01-07"]),
        "signed_on": [date(2024, 1, 2), None],
        "unused": ["x", "y"],
    }
)
HEADERS = {
    "desa_code": "Kode desa",
    "allocated_rp": "Alokasi (Rp)",
    "households_count": "Rumah tangga",
    "reached_pct": "Terjangkau (%)",
    "ended_on": "Berakhir",
    "signed_on": "Ditandatangani",
}


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_localise_headers_renames_orders_and_drops():
    table = localise_headers(FRAME, HEADERS)
    assert list(table.columns) == list(HEADERS.values())
    assert localise_headers(FRAME, None) is FRAME


def test_excel_formats_follow_unit_suffixes_and_language():
    formats = excel_formats(FRAME, HEADERS, "id")
    assert formats["Alokasi (Rp)"] == '"Rp" #,##0'
    assert formats["Rumah tangga"] == "#,##0"
    assert formats["Terjangkau (%)"] == "0.0"
    assert formats["Berakhir"] == formats["Ditandatangani"] == "[$-421]d mmmm yyyy"
    assert "Kode desa" not in formats and "unused" not in formats
    assert excel_formats(FRAME, HEADERS, "en")["Berakhir"] == "[$-409]d mmmm yyyy"


def test_excel_keeps_numbers_and_dates_as_values_with_formats():
    data = to_excel_bytes(
        localise_headers(FRAME, HEADERS), note="stamp", formats=excel_formats(FRAME, HEADERS)
    )
    ws = _sheet(data)
    assert [c.value for c in ws[1]] == list(HEADERS.values())
    rupiah, count, ended, signed = ws["B2"], ws["C2"], ws["E2"], ws["F2"]
    assert rupiah.value == 1_234_567_890 and rupiah.number_format == '"Rp" #,##0'
    assert count.value == 1234 and count.number_format == "#,##0"
    assert isinstance(ended.value, datetime) and ended.value.date() == date(2026, 8, 14)
    assert ended.number_format == "[$-421]d mmmm yyyy"
    assert isinstance(signed.value, datetime) and signed.value.date() == date(2024, 1, 2)
    assert ws["F3"].value is None
    assert ws.freeze_panes == "A2"
    assert ws["A5"].value == "stamp"


def test_excel_without_formats_still_writes_plain_values():
    ws = _sheet(to_excel_bytes(FRAME[["households_count"]]))
    assert ws["A2"].value == 1234


def test_csv_dialects_and_iso_dates():
    id_csv = to_csv_bytes(localise_headers(FRAME, HEADERS), "id")
    assert id_csv.startswith("\ufeff".encode())
    text = id_csv.decode("utf-8-sig")
    assert (
        text.splitlines()[0] == "Kode desa;Alokasi (Rp);Rumah tangga;Terjangkau (%);Berakhir;Ditandatangani"
    )
    assert "1234567890,0;1234;12,5;2026-08-14;2024-01-02" in text
    en = to_csv_bytes(localise_headers(FRAME, HEADERS), "en").decode("utf-8-sig")
    assert "1234567890.0,1234,12.5,2026-08-14,2024-01-02" in en


def test_export_stamp_in_both_languages():
    when = datetime(2026, 11, 28, 9, 5)
    assert export_stamp("budi", when) == "Diekspor dari Sinergi oleh budi pada 2026-11-28 09:05"
    assert export_stamp(None, when, "en") == "Exported from Sinergi by a user on 2026-11-28 09:05"
