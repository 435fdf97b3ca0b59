"""In real Chromium: a planner goes from a gap to a suggested partner to that partner's MoA in three clicks."""

import pytest
from browser import ROOT, browser_page, errors_on, needs_chromium, served_app, settle

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = ROOT / "shots"


@pytest.fixture(scope="module")
def base_url():
    with served_app() as url:
        yield url


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mitra_{name}.png"), full_page=True)


def _drawn(page, selector: str) -> None:
    """Sign in if asked (each page.goto starts a new session), wait until the page's main element is drawn (settle
    can return early on a busy machine), then settle."""
    settle(page)
    page.wait_for_selector(selector, timeout=60_000)
    settle(page)


def _no_errors(page) -> None:
    assert errors_on(page) == 0
    assert page.get_by_text("Page not found").count() == 0


def test_gap_to_partner_to_moa_in_three_clicks(base_url):
    with browser_page() as (page, outside):
        # Warm-up: the server learns the page registry on its first run; deep links work after that.
        page.goto(base_url + "/?wilayah=99.02")
        settle(page)
        page.goto(base_url + "/koordinasi?wilayah=99.02")
        _drawn(page, '[data-testid="stDataFrame"]')
        _no_errors(page)
        _shot(page, "1_koordinasi")

        # Click 1: the first gap row (the grid is a canvas: click the row's selection cell).
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)
        settle(page)
        suggestions = page.locator('[data-testid="stPageLink"] a').filter(has_text="1. ")
        assert suggestions.count() >= 1
        _shot(page, "2_saran_mitra")

        # Click 2: the best suggested partner opens its profile with its MoAs.
        partner_name = suggestions.first.inner_text().split(". ", 1)[1].rsplit(" (", 1)[0]
        suggestions.first.click()
        _drawn(page, '[data-testid="stMetric"]')
        _no_errors(page)
        assert "mitra=MTR-" in page.url
        assert page.get_by_role("heading", name=partner_name).count() >= 1
        moa_links = page.locator('[data-testid="stPageLink"] a').filter(has_text="MOA-")
        assert moa_links.count() >= 1
        _shot(page, "3_profil_mitra")

        # Click 3: one of the partner's MoAs in detail.
        moa_id = moa_links.first.inner_text().split(" ", 1)[0]
        moa_links.first.click()
        _drawn(page, '[data-testid="stPlotlyChart"] .main-svg')
        _no_errors(page)
        assert f"moa={moa_id}" in page.url
        assert page.get_by_role("heading", name=moa_id).count() >= 1
        _shot(page, "4_moa")
    assert outside == []


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("/riwayat-program?wilayah=99.05", '[data-testid="stPlotlyChart"] .main-svg'),
        ("/alur-program?wilayah=99.05", '[data-testid="stPlotlyChart"] .main-svg'),
        ("/mitra?wilayah=99.05", '[data-testid="stDataFrame"]'),
    ],
)
def test_other_collaboration_pages_draw(base_url, path, selector):
    with browser_page() as (page, outside):
        page.goto(base_url + "/?wilayah=99.05")
        settle(page)
        page.goto(base_url + path)
        _drawn(page, selector)
        _no_errors(page)
        _shot(page, path.strip("/").split("?")[0])
    assert outside == []
