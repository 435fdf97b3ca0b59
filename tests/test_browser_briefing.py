"""The briefing page in real Chromium at projector size (1366x768), in both languages; nothing leaves localhost."""

import pytest
from browser import ROOT, browser_page, errors_on, needs_chromium, served_app, settle

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def base_url():
    with served_app() as url:
        # A deep link into a cold server shows "Page not found" before st.navigation has run once
        # (streamlit/streamlit#9624): open the entry page first, as a returning visitor would have.
        with browser_page() as (page, _):
            page.goto(url + "/")
            settle(page)
        yield url


CUT_OFF = """() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


def _cut_off(page) -> list[str]:
    """Return the tile texts the screen shows cut short with an ellipsis (a value read as "Rp 13,…")."""
    return page.evaluate(CUT_OFF)


@pytest.mark.parametrize(
    ("lang", "heading", "sentence"),
    [
        ("id", "Briefing Bupati: Kabupaten", "Jumlah rumah tangga miskin ekstrem"),
        ("en", "Regent's briefing:", "Extreme-poor households"),
    ],
)
def test_briefing_at_projector_size(base_url, lang, heading, sentence):
    with browser_page(width=1366, height=768) as (page, outside):
        page.goto(f"{base_url}/briefing-bupati?wilayah=99.05&putaran=2&bahasa={lang}")
        settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30000)
        assert errors_on(page) == 0
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_text(heading).count() >= 1
        assert page.get_by_text(sentence).count() >= 1
        assert page.locator('[data-testid="stMetric"]').count() == 6
        # The six tiles fit in the first two rows of a 1366-pixel screen: the last tile's value is not cut off.
        last_value = page.locator('[data-testid="stMetricValue"]').nth(5).bounding_box()
        assert last_value is not None and last_value["x"] + last_value["width"] < 1366
        assert _cut_off(page) == []
        (ROOT / "shots").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "shots" / f"briefing_{lang}_1366.png"))
        # Streamlit scrolls an inner container, so a full-page shot needs a tall viewport instead.
        page.set_viewport_size({"width": 1366, "height": 2000})
        settle(page)
        page.screenshot(path=str(ROOT / "shots" / f"briefing_{lang}_full.png"))
        page.emulate_media(media="print")
        page.screenshot(path=str(ROOT / "shots" / f"briefing_{lang}_print.png"), full_page=True)
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert page.locator('[data-testid="stExpander"]').first.is_hidden()
    assert outside == []


def test_kabupaten_briefing_fits_one_full_hd_screen(base_url):
    with browser_page(width=1920, height=1080) as (page, outside):
        page.goto(f"{base_url}/briefing-bupati?wilayah=99.02&putaran=2")
        settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30000)
        page.wait_for_timeout(1500)
        # Everything the regent is shown (up to the data-as-of line under the map) is above the fold.
        footer = page.get_by_text("Data per ").last.bounding_box()
        assert footer is not None and footer["y"] + footer["height"] <= 1080, footer
        for chart in page.locator('[data-testid="stPlotlyChart"]').all():
            box = chart.bounding_box()
            assert box["y"] + box["height"] <= 1080
        assert _cut_off(page) == []
        page.screenshot(path=str(ROOT / "shots" / "briefing_1920.png"))
    assert outside == []


def test_browser_print_is_one_a4_landscape_page(base_url):
    """walk1 item 5: the browser's print was 3 pages (tiles alone, the map alone, the KPI heading stranded under it):
    map, KPIs and decisions stay side by side and everything fits one A4 landscape page."""
    import re

    with browser_page(width=1440, height=900) as (page, outside):
        page.goto(f"{base_url}/briefing-bupati?wilayah=99.02&putaran=2")
        settle(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30000)
        page.wait_for_timeout(1500)
        page.emulate_media(media="print")
        tops = [round(c.bounding_box()["y"]) for c in page.locator('[data-testid="stColumn"]').all()]
        assert len(tops) == 3 and max(tops) - min(tops) < 5, tops  # one row, not stacked
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert outside == []
