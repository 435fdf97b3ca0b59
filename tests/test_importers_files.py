"""Files as they come (issue 13): ragged rows, oversize fields, NUL bytes, UTF-16 and Windows-1252 text, Excel with
title blocks and two-row merged headers. Each is read, or refused naming file, row and column with a hint; no
exception escapes, and a refusal leaves the database byte-identical."""

import io

import duckdb
import pandas as pd
import pytest
from importer_helpers import copy_demo, sha

from sinergi.data.importers import execute, prepare
from sinergi.data.importers.sample import synthetic_p3ke

DESA = ["99.02.01.2001", "99.02.01.2002"]
HEADER_ROW = 1


@pytest.fixture
def demo_copy(tmp_path):
    return copy_demo(tmp_path)


def _good(rows: int = 5) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(synthetic_p3ke(DESA, rows, title=False)), sep=";", dtype=str, keep_default_na=False
    )


def _refused(path, name: str, data: bytes) -> pd.DataFrame:
    before = sha(path)
    prepared = prepare("p3ke", [(name, data)], path)
    outcome = execute(prepared, user="uji", accept_warnings=True, path=path)
    assert outcome.status == "blocked"
    assert sha(path) == before
    return prepared.report.frame()


def _written(path, name: str, data: bytes, accept: bool = False):
    prepared = prepare("p3ke", [(name, data)], path)
    assert prepared.report.errors == 0, prepared.report.frame().head()
    outcome = execute(prepared, user="uji", accept_warnings=accept, path=path)
    assert outcome.status == "written", prepared.report.frame().head()
    return prepared


def test_oversize_field_is_refused_with_row_and_column(demo_copy):
    frame = _good()
    frame.loc[2, "Nama Kepala Keluarga"] = "A" * 131_073
    report = _refused(demo_copy, "besar.csv", frame.to_csv(index=False, sep=";").encode())
    line = report[report["column"] == "Nama Kepala Keluarga"]
    assert line["row"].tolist() == [HEADER_ROW + 3] and line["message"].str.contains("1000 karakter").all()


def test_unclosed_quote_stops_with_the_row_that_opens_it(demo_copy):
    text = _good(20).to_csv(index=False, sep=";")
    lines = text.splitlines(keepends=True)
    lines[5] = lines[5].replace(";WARGA", ';"WARGA', 1)  # data row 5 = file row 6, the quote never closes
    report = _refused(demo_copy, "kutip.csv", "".join(lines).encode())
    assert (report["severity"] == "error").any()
    assert (report["row"] == 6).any()
    assert report["message"].str.contains("kutip").any()


def test_short_row_deep_in_a_large_file_names_its_row(demo_copy):
    text = _good(200_000).to_csv(index=False, sep=";")
    lines = text.splitlines(keepends=True)
    lines[150_000] = ";".join(lines[150_000].split(";")[:10]) + "\n"  # data row 150,000 = file row 150,001
    report = _refused(demo_copy, "pendek.csv", "".join(lines).encode())
    errors = report[report["severity"] == "error"]
    assert errors["row"].tolist() == [150_001]
    assert "10 kolom" in errors["value"].iloc[0] and "judul" in errors["message"].iloc[0]


def test_trailing_separators_and_blank_rows_are_read(demo_copy):
    text = _good().to_csv(index=False, sep=";")
    lines = text.splitlines()
    body = "\n".join([lines[0] + ";", *(line + ";" for line in lines[1:3]), "", *lines[3:], ";" * 40, ""])
    prepared = _written(demo_copy, "ekor.csv", body.encode())
    assert prepared.rows_read == 5


def test_nul_byte_after_the_first_2kb_is_refused_with_row_and_column(demo_copy):
    frame = _good(40)
    frame.loc[30, "Nama Kepala Keluarga"] = "SITI\x00AMINAH"
    data = frame.to_csv(index=False, sep=";").encode()
    assert data.index(b"\x00") > 2000
    report = _refused(demo_copy, "nul.csv", data)
    line = report[report["column"] == "Nama Kepala Keluarga"]
    assert line["row"].tolist() == [HEADER_ROW + 31] and line["message"].str.contains("NUL").all()
    assert line["value"].iloc[0] == "SITI�AMINAH"


def test_utf16_unicode_text_from_excel_is_read(demo_copy):
    frame = _good()
    frame.loc[0, "Nama Kepala Keluarga"] = "SITI ÄMINAH"
    data = frame.to_csv(index=False, sep="\t").encode(
        "utf-16"
    )  # Excel's "Unicode Text": UTF-16 LE with BOM, tabs
    _written(demo_copy, "unicode.txt", data)
    con = duckdb.connect(str(demo_copy), read_only=True)
    hid = frame.loc[0, "ID Keluarga P3KE"]
    assert con.execute("select head_name from household where household_id = ?", [hid]).fetchall() == [
        ("SITI ÄMINAH",)
    ]
    con.close()


def test_windows_1252_reads_and_undefined_bytes_are_named(demo_copy):
    frame = _good()
    frame.loc[0, "Nama Kepala Keluarga"] = "JOSÉ"
    data = frame.to_csv(index=False, sep=";").encode("cp1252")
    _written(demo_copy, "ansi.csv", data)
    frame = _good(6)
    text = frame.to_csv(index=False, sep=";").encode("cp1252")
    bad = text.replace(b"WARGA SINTETIS 4;", b"WARGA\x81SINTETIS 4;")  # 0x81: not defined in Windows-1252
    prepared = prepare("p3ke", [("ansi2.csv", bad)], demo_copy)
    report = prepared.report.frame()
    line = report[report["severity"] == "warning"]
    assert line[["row", "column"]].values.tolist() == [[HEADER_ROW + 4, "Nama Kepala Keluarga"]]
    assert "Windows-1252" in line["message"].iloc[0]


def _excel(frame: pd.DataFrame, header_rows: list[list[str]] | None = None, merge: list[tuple] = ()) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        # title on row 1, row 2 blank, the header from row 3 (one row by pandas, or the given rows), then the data
        start = 2 + len(header_rows or [])
        frame.to_excel(writer, sheet_name="P3KE", index=False, header=header_rows is None, startrow=start)
        sheet = writer.sheets["P3KE"]
        sheet.write(0, 0, "DATA P3KE KABUPATEN (SINTETIS)")
        for r, row in enumerate(header_rows or []):
            for c, value in enumerate(row):
                if value:
                    sheet.write(2 + r, c, value)
        for first_row, first_col, last_row, last_col, text in merge:
            sheet.merge_range(first_row, first_col, last_row, last_col, text)
    return buf.getvalue()


def _two_row_header(frame: pd.DataFrame) -> tuple[list[list[str]], list[tuple]]:
    columns = list(frame.columns)
    bansos = [i for i, c in enumerate(columns) if c.startswith("Penerima ")]
    top = ["" if i in bansos else c for i, c in enumerate(columns)]
    below = [c.removeprefix("Penerima ") if i in bansos else "" for i, c in enumerate(columns)]
    # a label merged over the bansos columns (contiguous in this layout), the program names below it
    return [top, below], [(2, bansos[0], 2, bansos[-1], "Penerima Bantuan")]


def test_excel_with_title_block_and_two_row_merged_header_keeps_every_column(demo_copy):
    frame = _good(50)
    bansos = [c for c in frame.columns if c.startswith("Penerima ")]
    frame = frame[[c for c in frame.columns if c not in bansos] + bansos]
    header, merge = _two_row_header(frame)
    prepared = _written(demo_copy, "bertingkat.xlsx", _excel(frame, header, merge))
    assert prepared.rows_read == 50
    con = duckdb.connect(str(demo_copy), read_only=True)
    pkh, kur = con.execute("select count_if(receives_pkh), count_if(receives_kur) from household "
                           "where household_id in (select unnest($ids))", {"ids": frame["ID Keluarga P3KE"].tolist()}).fetchone()  # fmt: skip
    con.close()
    assert pkh == int((frame["Penerima PKH"] == "Ya").sum()) > 0
    assert kur == int((frame["Penerima KUR"] == "Ya").sum()) > 0


def test_excel_second_header_row_it_cannot_merge_gets_a_hint(demo_copy):
    frame = _good(10)
    columns = list(frame.columns)
    # a second header row that repeats names under names: not a merged label, not data either
    data = _excel(frame, [columns, [c.upper() for c in columns]])
    report = _refused(demo_copy, "dua_judul.xlsx", data)
    first = report[
        report["row"] == 5
    ]  # title row 1, blank row 2, header rows 3 and 4: the repeat is row 4 → data 5
    assert first["message"].str.contains("judul").any() or report["message"].str.contains("judul kolom").any()


def test_excel_without_the_bansos_columns_is_refused_not_false(demo_copy):
    frame = _good(20).drop(columns=["Penerima PKH", "Penerima BPNT", "Penerima KUR"])
    report = _refused(demo_copy, "tanpa_bansos.xlsx", _excel(frame))
    assert set(report.loc[report["message"].str.contains("Kolom wajib"), "column"]) == {
        "Penerima PKH",
        "Penerima BPNT",
        "Penerima KUR",
    }


def test_excel_row_numbers_survive_blank_rows(demo_copy):
    frame = _good(6)
    frame.loc[4, "Desil Kesejahteraan"] = "9"
    blank = pd.DataFrame([[""] * len(frame.columns)], columns=frame.columns)
    with_gap = pd.concat([frame.iloc[:2], blank, frame.iloc[2:]], ignore_index=True)
    report = _refused(demo_copy, "celah.xlsx", _excel(with_gap))
    # title row 1, blank row 2, header row 3, data from row 4: the fifth family sits below the blank row, in row 9
    assert report.loc[report["column"] == "Desil Kesejahteraan", "row"].tolist() == [9]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xlsx"),
        ("kosong.csv", b"\n\n  \n", "kosong"),
        ("gambar.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "CSV"),
    ],
)
def test_files_that_are_not_tables_are_refused_with_a_hint(name, data, words, demo_copy):
    report = _refused(demo_copy, name, data)
    assert report["message"].str.contains(words).any()
