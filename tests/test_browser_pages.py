"""Every page in real Chromium at kabupaten level: reached from the sidebar, drawn without an error, timed.

The times are a record, not a pass mark (the test machine is shared): the table goes to the test output.
"""

import pytest
from browser import browser_page, needs_chromium, open_from_sidebar, served_app, settle

from sinergi.common.i18n import translate
from sinergi.ui.pages import PAGES

pytestmark = [pytest.mark.browser, needs_chromium]
KABUPATEN = "99.02"


@pytest.fixture(scope="module")
def base_url():
    with served_app() as url:
        yield url


def test_every_page_from_the_sidebar_with_settle_times(base_url, record_property):
    rows = []
    with browser_page(1440, 900) as (page, outside):
        page.goto(f"{base_url}/?wilayah={KABUPATEN}&putaran=2")
        settle(page)
        # Each page twice: the first visit fills the caches of this server (cold), the second is what a planner
        # sees on coming back (warm).
        for visit in ("cold", "warm"):
            for spec in [*PAGES[1:], PAGES[0]]:
                title = translate(f"{spec.key}.title", "id")
                painted, settled = open_from_sidebar(page, title)
                assert page.locator('[data-testid="stException"]').count() == 0, spec.key
                assert f"wilayah={KABUPATEN}" in page.url, (spec.key, page.url)
                rows.append((visit, title, painted, settled))
    assert outside == []
    table = "\n".join(
        ["| page | first paint cold (s) | settled cold (s) | first paint warm (s) | settled warm (s) |",
         "|---|---:|---:|---:|---:|"]
        + [
            f"| {title} | {cold[2]:.1f} | {cold[3]:.1f} | {warm[2]:.1f} | {warm[3]:.1f} |"
            for cold, warm in zip(rows[: len(PAGES)], rows[len(PAGES) :], strict=True)
            for title in [cold[1]]
        ]
    )  # fmt: skip
    record_property("settle_times", f"Settle times, Kabupaten {KABUPATEN}, admin, 1440x900:\n{table}")
