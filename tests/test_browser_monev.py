"""Monitoring pages in real Chromium: they draw without errors, nothing leaves localhost, the download is right."""

import io
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from browser import ROOT, browser_page, errors_on, needs_chromium, served_app, settle

from sinergi.data import db

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = ROOT / "shots"


@pytest.fixture(scope="module")
def base_url():
    with served_app() as url:
        # A deep link into a cold server shows "Page not found" before st.navigation has run once
        # (streamlit/streamlit#9624): open the entry page first, as a returning visitor would have.
        with browser_page() as (page, _):
            page.goto(url + "/")
            settle(page)
        yield url


def _check(page) -> None:
    assert page.get_by_text("Page not found").count() == 0
    assert errors_on(page) == 0


def test_kpi_page_in_chromium(base_url):
    SHOTS.mkdir(exist_ok=True)
    with browser_page(1366, 3400) as (page, outside):
        page.goto(base_url + "/monev-kpi?wilayah=99.05&putaran=2")
        settle(page)
        _check(page)
        assert page.get_by_text("Capaian KPI kerja sama di Kabupaten").count() == 1
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() >= 4  # the first tab: one dumbbell per KPI
        # the table is drawn on a canvas: read the status tiles above it and a legend entry instead
        assert (
            page.locator('[data-testid="stMetricLabel"]').filter(has_text=re.compile("^Tercapai$")).count()
            == 1
        )
        assert page.get_by_text("Endline 2026: Tercapai").count() >= 1
        page.screenshot(path=str(SHOTS / "test_monev_kpi.png"))
        page.goto(base_url + "/monev-kpi?wilayah=99&putaran=2&moa=MOA-0502")
        settle(page)
        _check(page)
        page.get_by_role("tab", name="Peringkat MoA menurut capaian").click()
        settle(page)
        assert page.get_by_text("Peringkat kabupaten menurut capaian").count() == 1
        page.screenshot(path=str(SHOTS / "test_monev_kpi_province.png"))
    assert outside == []


@pytest.mark.parametrize("path", ["/perpindahan", "/perbandingan", "/anggaran"])
def test_other_pages_in_chromium(base_url, path):
    with browser_page(1366, 2600) as (page, outside):
        page.goto(base_url + path + "?wilayah=99.02&putaran=2")
        settle(page)
        _check(page)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        page.screenshot(path=str(SHOTS / f"test_monev{path.replace('/', '_')}.png"))
    assert outside == []


def test_left_behind_download_equals_independent_query(base_url):
    region = "99.05"
    with browser_page(1366, 2600) as (page, outside):
        page.goto(base_url + f"/intervensi?wilayah={region}&putaran=2")
        settle(page)
        _check(page)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == 4
        page.wait_for_timeout(1500)  # let plotly finish drawing before the screenshot
        page.screenshot(path=str(SHOTS / "test_monev_intervensi.png"))
        button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Unduh CSV").last
        with page.expect_download() as info:
            button.click()
        data = Path(info.value.path()).read_bytes()
    assert outside == []
    got = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
    assert "Nama KK" not in got.columns and "NIK KK" not in got.columns
    con = duckdb.connect(str(db.database_path()), read_only=True)
    expected = con.execute(
        "select h.household_id, h.members_count from household h where h.kabupaten_code = ? "
        "and h.welfare_decile = 1 and h.verification_status in ('valid', 'tambahan_musdes') "
        # as of the end of the endline fieldwork; interventions of draft MoAs do not count
        "and not exists (select 1 from intervention i left join moa m using (moa_id) "
        "where i.household_id = h.household_id and i.given_on <= date '2026-09-25' "
        "and (i.moa_id is null or m.status <> 'draft')) "
        "order by h.desa_code, h.household_id",
        [region],
    ).df()
    con.close()
    assert got["ID Keluarga P3KE"].tolist() == expected["household_id"].tolist()
    assert got["Jumlah anggota"].astype(int).tolist() == expected["members_count"].tolist()
