"""Table downloads: Excel and CSV bytes of the table the reader sees (sinergi.common.export_cells), and the stamp.

The conventions of a file:

- **Excel**: the screen's headers; a number is a number at the screen's decimals with a number format that writes it
  as the screen does (Rupiah `"Rp "#,##0`, a percentage `0.0" %"` in percent points, a signed change `"+"#,##0`),
  a date a date (`d mmmm yyyy`, month names in the file's language), anything else (words, labels, `<5`,
  `disembunyikan`, `–`) the screen's text. Excel shows the separators of the reader's own locale.
- **CSV**, in the reader's language: Indonesian `;`-separated with a decimal comma, English `,`-separated with a
  decimal point (UTF-8 with BOM, so a spreadsheet of that language opens it as columns of numbers). A number is
  written bare, as a spreadsheet reads it: no thousands separator, the screen's decimals, `-` for a minus, no unit;
  a column whose numbers share one unit names it in its header (`Porsi (%)`, `Anggaran (Rp)`); in a column of
  mixed units (Monev KPI: each row in its KPI's unit) the row says it. Everything else is the screen's text: dates
  as written (`2 Januari 2023`), yes/no as `Ya`/`Tidak`, codes as their labels, protected cells as their words.

Every file is safe to open: text that a spreadsheet would run as a formula is escaped in CSV (a leading apostrophe)
and written as text in Excel (OWASP CSV injection); a number is never escaped.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pandas as pd
import xlsxwriter

from sinergi.common.display import styled
from sinergi.common.export_cells import ExportTable, export_table
from sinergi.common.i18n import translate

# OWASP CSV injection: a spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(…), +1+1…)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter writes text as text: never a formula or a link, whatever the text begins with
EXCEL_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}
CSV_DIALECTS = {"id": (";", ","), "en": (",", ".")}  # (separator, decimal mark)


def escape_formula(text: str) -> str:
    """Return text prefixed by an apostrophe when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def excel_writer(buffer: io.BytesIO, **kwargs: object) -> pd.ExcelWriter:
    """Return a pandas ExcelWriter (xlsxwriter) that writes every string as text (no formulas, no links)."""
    return pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": EXCEL_OPTIONS}, **kwargs)


def _table(table: ExportTable | pd.DataFrame, lang: str) -> ExportTable:
    # a bare frame is written as show_table would draw it with no headers given: every column, every cell for lang
    return table if isinstance(table, ExportTable) else export_table(styled(table, lang), lang)


def to_csv_bytes(table: ExportTable | pd.DataFrame, lang: str = "id") -> bytes:
    """Return CSV bytes of the table the reader sees, in the convention of lang (module docstring)."""
    table = _table(table, lang)
    separator = CSV_DIALECTS[lang][0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([escape_formula(h) for h in table.csv_columns()])
    for row in table.rows:
        writer.writerow([cell.csv if cell.is_number else escape_formula(cell.csv) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_excel_bytes(
    table: ExportTable | pd.DataFrame, sheet: str = "Data", note: str | None = None, lang: str = "id"
) -> bytes:
    """Return an .xlsx workbook of the table the reader sees (module docstring): one sheet, header frozen, widths
    fitted, an optional note two rows below."""
    table = _table(table, lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **EXCEL_OPTIONS})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    styles: dict[str, object] = {}
    for j, header in enumerate(table.columns):
        ws.write_string(0, j, header, bold)
    for i, row in enumerate(table.rows, start=1):
        for j, cell in enumerate(row):
            if cell.excel is None:
                if cell.value == "":
                    continue
                ws.write_string(i, j, str(cell.value))
                continue
            style = styles.setdefault(cell.excel, book.add_format({"num_format": cell.excel}))
            if isinstance(cell.value, datetime):
                ws.write_datetime(i, j, cell.value, style)
            else:
                ws.write_number(i, j, cell.value, style)
    for j, header in enumerate(table.columns):
        width = max([len(header), 6, *(len(row[j].csv) + 2 for row in table.rows[:200])])
        ws.set_column(j, j, min(width + 2, 60))
    ws.freeze_panes(1, 0)
    if note:
        ws.write_string(len(table.rows) + 2, 0, note)
    book.close()
    return buffer.getvalue()


def export_stamp(user: str | None, when: datetime | None = None, lang: str = "id") -> str:
    """Return the line stamped on every export: who exported it and when."""
    when = when or datetime.now()
    return translate(
        "export.stamp",
        lang,
        user=user or translate("export.anonymous", lang),
        when=f"{when:%Y-%m-%d %H:%M}",
    )
