"""Every "Unduh Excel / Unduh CSV" holds the table the reader sees (walk1 items 2 and 8): the same headers, every
row, each cell as the screen writes it: a protected cell as its words ("<5", "disembunyikan", "–"), never its true
value or the number the browser sorts it by; a number at the screen's decimals (bare in CSV, a number with a format
in Excel); a date as a date; a code as its label. Checked on every page with downloads, as pimpinan and admin, by
reading the rendered table (AppTest) and the bytes a click on its buttons gives."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import openpyxl
import pytest
from conftest import click_download, open_page
from rendered import shown_table

from sinergi.common.fmt import fmt_date
from sinergi.common.i18n import translate

REGION = "99.02"  # pimpinan's kabupaten
# page, and the session state that opens what holds its tables (a keyed expander draws its table when opened)
PAGES = [
    ("pages/overview.py", {}),
    ("pages/kpi_monitoring.py", {}),
    ("pages/target_selection.py", {}),
    ("pages/sector_potential.py", {}),
    ("pages/budget.py", {}),
    ("pages/interventions.py", {}),
    ("pages/household_transitions.py", {}),
    ("pages/comparison.py", {}),
    ("pages/scorecard.py", {}),
    ("pages/briefing.py", {"briefing_kpi_table": True, "briefing_desa_table": True}),
    ("pages/agreements.py", {}),
    ("pages/partners.py", {}),
    ("pages/coordination.py", {}),
    ("pages/program_history.py", {}),
    ("pages/pipeline.py", {}),
]
# what the screen writes as a number, read independently of sinergi.common.export_cells: sign, unit, digits in
# groups of three, decimals
NUMBER = {
    "id": re.compile(r"([+±−]?)(Rp |IDR )?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?( ?%| [^\W\d_]+)?"),
    "en": re.compile(r"([+±−]?)(Rp |IDR )?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?( ?%| [^\W\d_]+)?"),
}
# "Rp 4,7 miliar" is Rp 4.700.000.000
SCALES = {" juta": 10**6, " miliar": 10**9, " triliun": 10**12, " million": 10**6, " billion": 10**9}


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for key in sorted(children):
            yield from _walk(children[key])


def downloads(at, lang: str = "id") -> list[tuple[object, bytes, bytes]]:
    """Return (the table drawn, its CSV bytes, its Excel bytes) for every table with downloads, in page order."""
    csv_label, excel_label = (translate(f"shell.download_{f}", lang) for f in ("csv", "excel"))
    found, table, files = [], None, {}
    for node in _walk(at.main):
        kind = getattr(node, "type", None)
        if kind == "dataframe":
            table = node
        elif kind == "download_button" and node.proto.label in (csv_label, excel_label):
            files[node.proto.label] = click_download(node)
            if len(files) == 2:
                assert table is not None, "a download with no table drawn before it"
                found.append((table, files[csv_label], files[excel_label]))
                files = {}
    return found


def screen_number(text: str, lang: str = "id") -> tuple[float, str] | None:
    """Return (the number, its bare CSV text) a screen cell writes, or None for words."""
    found = NUMBER[lang].fullmatch(text)
    if found is None:
        return None
    sign, rupiah, whole, decimals, unit = found.groups()
    digits = whole.replace("." if lang == "id" else ",", "")
    mark = "," if lang == "id" else "."
    negative = sign == "−" and (int(digits) or int(decimals or 0))
    if rupiah and unit in SCALES:
        value = round(float(f"{digits}.{decimals or 0}") * SCALES[unit])
        return value * (-1 if negative else 1), ("-" if negative else "") + str(value)
    value = float(f"{digits}.{decimals}" if decimals else digits) * (-1 if negative else 1)
    return value, ("-" if negative else "") + digits + (mark + decimals if decimals else "")


def csv_rows(data: bytes, lang: str = "id") -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";" if lang == "id" else ",")
    )


def check_same_table(element, csv_bytes: bytes, xlsx_bytes: bytes, where: str, lang: str = "id") -> int:
    """Assert that both files hold the table element draws (headers, rows, cells); return the rows compared."""
    screen = shown_table(element).astype(str)
    # a column of links into this app (Rapor kabupaten's "open") is no data: the files leave it out
    screen = screen[[c for c in screen.columns if not screen[c].str.startswith("./?").all() or screen.empty]]
    headers = [str(c) for c in screen.columns]
    rows = csv_rows(csv_bytes, lang)
    # a CSV number has no room for a unit: a column of one unit names it in its header
    assert len(rows[0]) == len(headers), where
    for written, header in zip(rows[0], headers, strict=True):
        assert written == header or re.fullmatch(
            rf"{re.escape(header)} \((?:%|Rp|IDR|poin|points)\)", written
        ), where
    body = rows[1:]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes)).active
    assert [c.value for c in sheet[1]] == headers, where
    # the screen shows one page of a long table; the files hold every row, the same first ones
    assert len(body) >= len(screen), where
    if len(body) == len(screen):
        assert sheet.cell(row=len(body) + 3, column=1).value.startswith(("Diekspor dari", "Exported from")), (
            where
        )
    for i, (_, shown) in enumerate(screen.iterrows()):
        for j, text in enumerate(shown):
            cell, excel = body[i][j], sheet.cell(row=i + 2, column=j + 1).value
            at = f"{where} row {i} {headers[j]!r}: screen {text!r}, CSV {cell!r}, Excel {excel!r}"
            number = screen_number(text, lang)
            if number is not None and isinstance(excel, int | float):
                assert cell == number[1] and excel == pytest.approx(number[0]), at
            elif isinstance(excel, datetime):
                assert text.startswith(fmt_date(excel, lang)) and cell == text, at
            else:
                assert cell in (text, "'" + text) and (excel or "") == text, at
    return len(screen)


@pytest.mark.parametrize("role", ["pimpinan", "admin"])
@pytest.mark.parametrize(("page", "opened"), PAGES, ids=[p.split("/")[1] for p, _ in PAGES])
def test_every_download_holds_the_table_on_screen(app, tmp_path, monkeypatch, page, opened, role):
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(tmp_path / "audit.sqlite3"))
    app.default_timeout = 90
    for key, value in opened.items():
        app.session_state[key] = value
    at = open_page(app, page, role, wilayah=REGION, putaran="2")
    assert not at.exception
    tables = downloads(at)
    assert tables, f"{page}: no table with downloads"
    for n, (element, csv_bytes, xlsx_bytes) in enumerate(tables):
        assert check_same_table(element, csv_bytes, xlsx_bytes, f"{page} #{n} as {role}") > 0
    assert len(tables) == len(at.get("download_button")) // 2  # every table with downloads was compared


@pytest.mark.parametrize(
    "page", ["pages/kpi_monitoring.py", "pages/target_selection.py", "pages/agreements.py"]
)
def test_english_downloads_hold_the_english_table(app, tmp_path, monkeypatch, page):
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(tmp_path / "audit.sqlite3"))
    at = open_page(app, page, "pimpinan", wilayah=REGION, putaran="2", bahasa="en")
    assert not at.exception
    tables = downloads(at, "en")
    assert tables
    for n, (element, csv_bytes, xlsx_bytes) in enumerate(tables):
        assert check_same_table(element, csv_bytes, xlsx_bytes, f"{page} #{n} in English", "en") > 0


def test_audit_log_download_is_its_table(app):
    at = open_page(app, "pages/audit_log.py", "admin")
    assert not at.exception
    for element, csv_bytes, xlsx_bytes in downloads(at):
        check_same_table(element, csv_bytes, xlsx_bytes, "log audit")


def test_monev_kpi_csv_gives_no_hidden_count_back_to_pimpinan(app, tmp_path, monkeypatch):
    """walk1 item 2: pimpinan's CSV was the page's raw frame: the exact attainment (125,0) and baseline beside a
    value that reads "<5" gave every hidden count back. A row the screen protects holds no number the screen does
    not show: the CSV's numbers of that row are the screen's."""
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(tmp_path / "audit.sqlite3"))
    at = open_page(app, "pages/kpi_monitoring.py", "pimpinan", wilayah=REGION, putaran="2")
    assert not at.exception
    (element, csv_bytes, _), *_ = downloads(at)
    screen = shown_table(element).astype(str)
    rows = csv_rows(csv_bytes)[1:]
    protected = [i for i, (_, row) in enumerate(screen.iterrows()) if "<5" in row.tolist()]
    assert protected, "no KPI row reads <5 in the demo: the test would prove nothing"
    for i in protected:
        shown = sorted(n[1] for t in screen.iloc[i].tolist() if (n := screen_number(t)) is not None)
        written = sorted(n[1] for t in rows[i] if (n := screen_number(t.replace("-", "−"))) is not None)
        assert written == shown, f"row {i}: the file holds {written}, the screen {shown}"
        assert "–" in rows[i]  # the attainment of a row with a "<5" is withheld in the file too
