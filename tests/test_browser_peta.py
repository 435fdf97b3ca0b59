"""Peta Sebaran in real Chromium: the map canvas is drawn for every sector and nothing leaves localhost."""

import pytest
from browser import ROOT, browser_page, needs_chromium, served_app, settle

from sinergi.planning.map_indicators import SECTORS

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def base_url():
    with served_app() as url:
        # The first session of a fresh server shows "Page not found" for a non-default deep link (the page registry
        # is built by that session's first run); open the app once so that the tests see the served state.
        with browser_page() as (page, _):
            page.goto(url + "/")
            settle(page)
        yield url


def _distinct_colours(png: bytes) -> int:
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB").resize((120, 80))
    return len(set(image.get_flattened_data()))


@pytest.mark.parametrize("sector", SECTORS)
def test_peta_draws_the_map_offline(base_url, sector):
    with browser_page() as (page, outside):
        page.goto(f"{base_url}/peta?wilayah=99.05&sektor={sector}")
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for(timeout=30000)
        page.wait_for_timeout(1500)
        shots = ROOT / "shots"
        shots.mkdir(exist_ok=True)
        png = canvas.screenshot(path=str(shots / f"peta_{sector}.png"))
        # A drawn choropleth has many fill colours; an empty canvas is one background colour.
        assert _distinct_colours(png) > 20
        page.screenshot(path=str(shots / f"peta_page_{sector}.png"), full_page=True)
    assert outside == []


def test_clicking_a_desa_opens_its_profile(base_url):
    with browser_page() as (page, outside):
        page.goto(f"{base_url}/peta?wilayah=99.05&sektor=semua")
        settle(page)
        page.get_by_text("Kepadatan RT miskin ekstrem").click()
        settle(page)
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for(timeout=30000)
        page.wait_for_timeout(1500)
        canvas.screenshot(path=str(ROOT / "shots" / "peta_density.png"))
        box = canvas.bounding_box()
        x, y = box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5
        page.mouse.move(x, y)
        page.wait_for_timeout(500)
        page.mouse.click(x, y)
        page.get_by_text("Profil Desa").first.wait_for(timeout=20000)
        settle(page)
        assert page.get_by_text("Profil Desa").count() == 1
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(ROOT / "shots" / "peta_profile.png"))
    assert outside == []
