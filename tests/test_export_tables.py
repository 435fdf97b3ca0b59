"""Table downloads hold the table the reader sees: the screen's headers, each cell read from the screen's text (a
number at the screen's decimals, typed with a format in Excel and bare in CSV; a date as a date; words as written;
a protected cell as its words, never its true value nor the number the browser sorts it by)."""

import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from sinergi.common.display import styled
from sinergi.common.export_cells import DATE_FORMATS, export_table, number_cell, read_cell
from sinergi.common.suppressed import Count, Share
from sinergi.common.table_export import export_stamp, to_csv_bytes, to_excel_bytes

FRAME = pd.DataFrame(
    {
        "desa_code": ["99.02.01.2001", "99.02.01.2002"],
        "allocated_rp": [1_234_567_890.0, 350_000_000.0],
        "households_count": pd.Series([Count(1234), Count(3)], dtype=object),
        "reached_pct": [12.5, 61.900000000000006],
        "share_pct": pd.Series([Share(40.0), Share(float("nan"))], dtype=object),
        "ended_on": pd.to_datetime(["2026-08-14", "2027-01-07"]),
        "signed_on": [date(2024, 1, 2), None],
        "is_target": [True, False],
        "unused": ["x", "y"],
    }
)
HEADERS = {
    "desa_code": "Kode desa",
    "allocated_rp": "Alokasi",
    "households_count": "Rumah tangga",
    "reached_pct": "Terjangkau (%)",
    "share_pct": "Porsi",
    "ended_on": "Berakhir",
    "signed_on": "Ditandatangani",
    "is_target": "Sasaran",
}


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _table(lang: str = "id"):
    return export_table(styled(FRAME, lang, HEADERS), lang)


@pytest.mark.parametrize(
    ("text", "lang", "value", "csv", "excel", "unit"),
    [
        ("1.235", "id", 1235, "1235", "#,##0", ""),
        ("1,235", "en", 1235, "1235", "#,##0", ""),
        ("2023", "id", 2023, "2023", "0", ""),  # a year has no thousands separator on screen: none in Excel
        ("12,5 %", "id", 12.5, "12,5", '#,##0.0" %"', "%"),
        ("12.5%", "en", 12.5, "12.5", '#,##0.0"%"', "%"),
        ("Rp 4.676.654.274", "id", 4_676_654_274, "4676654274", '"Rp "#,##0', "Rp"),
        ("Rp 4,7 miliar", "id", 4_700_000_000, "4700000000", '"Rp "#,##0.0,,," miliar"', "Rp"),
        ("−550", "id", -550, "-550", '#,##0;"−"#,##0', ""),
        ("+1,2 poin", "id", 1.2, "1,2", '"+"#,##0.0" poin";"−"#,##0.0" poin";"±"#,##0.0" poin"', "poin"),
        ("±0", "id", 0, "0", '"+"#,##0;"−"#,##0;"±"#,##0', ""),
    ],
)
def test_a_number_on_screen_is_that_number_at_its_decimals(text, lang, value, csv, excel, unit):
    cell = number_cell(text, lang)
    assert cell is not None and (cell.value, cell.csv, cell.excel, cell.unit) == (value, csv, excel, unit)


@pytest.mark.parametrize("text", ["<5", "−<5", "disembunyikan", "–", "99.02", "1.5", "Ya", "MOA-0201"])
def test_words_codes_and_protected_cells_stay_text(text):
    assert number_cell(text, "id") is None
    assert read_cell(text, 2.5, "id").value == text  # whatever number the browser sorts the cell by


def test_only_a_number_is_read_as_one():
    # a code that looks like a number (a phone number, a desa code) stays as written: "0812…" keeps its zero
    assert read_cell("08123456789", "08123456789", "id").value == "08123456789"
    assert read_cell("9902010001", "9902010001", "id").excel is None


def test_a_date_is_a_date_and_a_time_to_the_minute():
    cell = read_cell("2 Januari 2024", date(2024, 1, 2), "id")
    assert (
        cell.value == datetime(2024, 1, 2)
        and cell.excel == DATE_FORMATS["id"]
        and cell.csv == "2 Januari 2024"
    )
    stamp = read_cell("2 Januari 2024, 13.05 UTC", pd.Timestamp("2024-01-02 13:05:59", tz="UTC"), "id")
    assert stamp.value == datetime(2024, 1, 2, 13, 5) and stamp.excel == '[$-421]d mmmm yyyy, hh.mm" UTC"'
    assert read_cell("2 January 2024", "2024-01-02", "en").value == datetime(2024, 1, 2)  # ISO text under it


def test_the_table_is_the_screen_columns_and_words():
    table = _table()
    assert table.columns == list(HEADERS.values())
    first, second = ([c.csv for c in row] for row in table.rows)
    assert first == [
        "99.02.01.2001", "1234567890", "1235", "12,5", "40", "14 Agustus 2026", "2 Januari 2024", "Ya"
    ]  # fmt: skip
    assert second == [
        "99.02.01.2002",
        "350000000",
        "<5",
        "61,9",
        "disembunyikan",
        "7 Januari 2027",
        "–",
        "Tidak",
    ]


def test_excel_keeps_numbers_and_dates_as_values_with_the_screens_formats():
    ws = _sheet(to_excel_bytes(_table(), note="stamp"))
    assert [c.value for c in ws[1]] == list(HEADERS.values())
    code, rupiah, count, pct, share, ended, signed, target = ws[2]
    assert code.value == "99.02.01.2001" and code.data_type == "s"
    assert rupiah.value == 1_234_567_890 and rupiah.number_format == '"Rp "#,##0'
    assert count.value == 1235 and count.number_format == "#,##0"  # 1234 shown rounded to 5
    assert pct.value == 12.5 and pct.number_format == '#,##0.0" %"'
    assert share.value == 40 and share.number_format == '#,##0" %"'
    assert isinstance(ended.value, datetime) and ended.value.date() == date(2026, 8, 14)
    assert ended.number_format == "[$-421]d mmmm yyyy"
    assert signed.value == datetime(2024, 1, 2) and target.value == "Ya"
    assert [c.value for c in ws[3]][2:5] == ["<5", 61.9, "disembunyikan"]  # never 3, never −1 or 2.5
    assert ws["G3"].value == "–"
    assert ws.freeze_panes == "A2"
    assert ws["A5"].value == "stamp"


def test_csv_dialects_name_a_columns_unit_in_its_header():
    text = to_csv_bytes(_table(), "id").decode("utf-8-sig")
    assert to_csv_bytes(_table(), "id").startswith("\ufeff".encode())
    lines = text.splitlines()
    # Alokasi and Porsi carry one unit: named in the header; "Terjangkau (%)" names it already
    assert (
        lines[0]
        == "Kode desa;Alokasi (Rp);Rumah tangga;Terjangkau (%);Porsi (%);Berakhir;Ditandatangani;Sasaran"
    )
    assert lines[1] == "99.02.01.2001;1234567890;1235;12,5;40;14 Agustus 2026;2 Januari 2024;Ya"
    en = to_csv_bytes(_table("en"), "en").decode("utf-8-sig").splitlines()
    assert en[0].startswith("Kode desa,Alokasi (IDR),")
    assert en[1] == "99.02.01.2001,1234567890,1235,12.5,40,14 August 2026,2 January 2024,Yes"
    assert en[2] == "99.02.01.2002,350000000,<5,61.9,withheld,7 January 2027,–,No"


def test_a_bare_frame_is_written_as_the_screen_would_draw_it():
    frame = pd.DataFrame({"mean_km": [61.900000000000006], "has_moa": [False], "budget_rp": [4676654274.0]})
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == "61,9;Tidak;4676654274"


def test_export_stamp_in_both_languages():
    when = datetime(2026, 11, 28, 9, 5)
    assert export_stamp("budi", when) == "Diekspor dari Sinergi oleh budi pada 2026-11-28 09:05"
    assert export_stamp(None, when, "en") == "Exported from Sinergi by a user on 2026-11-28 09:05"
