"""A download in real Chromium, as pimpinan: the Monev KPI files a click gives are the table the page draws (the
same check as tests/test_downloads_screen.py, on the bytes the browser saved)."""

from pathlib import Path

import pytest
from browser import browser_page, errors_on, needs_chromium, served_app, settle
from conftest import open_page
from rendered import shown_table
from test_downloads_screen import check_same_table, csv_rows

pytestmark = [pytest.mark.browser, needs_chromium]


def test_pimpinan_downloads_the_monev_kpi_table_as_drawn(app):
    saved = {}
    with served_app() as url, browser_page(1366, 2400) as (page, outside):
        page.goto(url + "/")
        settle(page, login="pimpinan")
        page.goto(url + "/monev-kpi?wilayah=99.02&putaran=2")
        settle(page, login=None)
        assert errors_on(page) == 0
        for label in ("Unduh CSV", "Unduh Excel"):
            button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
            button.wait_for(state="visible", timeout=30_000)
            with page.expect_download(timeout=60_000) as caught:
                button.click()
            assert caught.value.failure() is None
            assert "_pimpinan_" in caught.value.suggested_filename
            saved[label] = Path(caught.value.path()).read_bytes()
            settle(page, login=None)  # the click reruns the page
    assert outside == []
    # the table pimpinan's page draws, read under AppTest: the files hold it cell by cell
    at = open_page(app, "pages/kpi_monitoring.py", "pimpinan", wilayah="99.02", putaran="2")
    table = next(d for d in at.dataframe if "KPI" in d.value.columns)
    assert check_same_table(table, saved["Unduh CSV"], saved["Unduh Excel"], "Monev KPI in Chromium") > 0
    screen = shown_table(table).astype(str)
    assert "<5" in screen.to_numpy() and "<5" in sum(csv_rows(saved["Unduh CSV"]), [])
