"""Tables in real Chromium: a reader who clicks a column header sorts by what the column shows.

A protected share ("10 %", "5 %", "withheld") went to the browser as text, which sorts "10 %" before "5 %". It now
goes as the share shown, a number (a withheld one as -1, below 0 %), with its words as the display text; the true
share never leaves the server. The grid is a canvas: its accessible table (one row per drawn row) holds the values
the browser sorts by, and a header gets an arrow once its column is sorted.
"""

import pandas as pd
import pytest
from browser import browser_page, needs_chromium, served_app, settle

from sinergi.common.display import WITHHELD_SORT
from sinergi.common.i18n import translate

pytestmark = [pytest.mark.browser, needs_chromium]
HEADER = translate("peta.indicator.extreme_poor_share", "id")


def _sorted_by(grid, header: str, arrow: str) -> None:
    """Click along the grid's header row until the column named header is sorted in the arrow's direction (a click
    sorts up, the next down, the next not at all; clicks apart, or the grid reads a double click)."""
    box = grid.bounding_box()
    target = grid.locator('th[role="columnheader"]', has_text=header)
    for x in range(10, int(box["width"]), 20):
        for _ in range(3):
            if target.inner_text().startswith(arrow):
                return
            grid.page.mouse.click(box["x"] + x, box["y"] + 15)
            grid.page.wait_for_timeout(600)
            if not target.inner_text().startswith(("↑", "↓")):
                break  # another column: further right
    raise AssertionError(f"could not sort {header!r} {arrow}")


@pytest.mark.parametrize("role", ["pimpinan"])
def test_a_protected_share_column_sorts_by_the_share_shown(role):
    with served_app() as url, browser_page(1440, 1000) as (page, _):
        page.goto(f"{url}/penetapan-lokasi?wilayah=99.02&putaran=2")
        settle(page, 120, login=role)
        grid = page.locator('[data-testid="stDataFrame"]').last
        grid.scroll_into_view_if_needed()
        headers = grid.locator('th[role="columnheader"]').all_inner_texts()
        column = headers.index(HEADER)

        def shares() -> list[float]:
            cells = grid.locator(f'td[aria-colindex="{column + 1}"]').all_inner_texts()
            return [float(c) for c in cells]  # "10 %" as text failed here: the column sorted as words

        for arrow in ("↑", "↓"):
            _sorted_by(grid, HEADER, arrow)
            values = shares()
            assert values == sorted(values, reverse=arrow == "↓"), (arrow, values)
            assert len(set(values)) > 1 and set(values) <= {WITHHELD_SORT, *range(0, 101, 5)}, values


def test_the_table_toolbar_offers_no_file_of_sort_numbers_and_the_apps_download_writes_words():
    """A withheld share goes to the browser as -1 (a "<5" count as 2.5) so that it sorts; Streamlit's own toolbar
    "Download as CSV" (and copy) would write those numbers. The app switches that export off
    (client.disableDataExport); the table's audited "Unduh CSV" leaves a withheld share empty."""
    with served_app() as url, browser_page(1440, 1000) as (page, _):
        page.goto(f"{url}/penetapan-lokasi?wilayah=99.02&putaran=2")
        settle(page, 120, login="pimpinan")
        grid = page.locator('[data-testid="stDataFrame"]').last
        grid.scroll_into_view_if_needed()
        grid.hover()
        page.wait_for_timeout(800)
        toolbar = page.locator('[data-testid="stElementToolbar"]').filter(has=page.locator("button")).last
        labels = [
            b.get_attribute("aria-label") or b.inner_text()
            for b in toolbar.locator('[data-testid="stElementToolbarButton"] button').all()
        ]
        assert labels, "no toolbar drawn over the table: nothing checked"
        assert not [label for label in labels if "download" in label.lower() or "csv" in label.lower()], (
            labels
        )
        button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Unduh CSV").last
        with page.expect_download() as info:
            button.click()
        written = pd.read_csv(info.value.path(), sep=";", encoding="utf-8-sig", dtype=str)
    # the CSV header names the unit ("Porsi RT miskin ekstrem (%)"): downloads hold the table the reader sees
    header = next(h for h in written.columns if h.startswith(HEADER))
    shares = written[header].tolist()
    # a withheld share is the screen's word in the app's file (never -1); the others are the shares shown
    withheld = translate("privacy.withheld", "id")
    assert withheld in shares, shares  # else the demo has none withheld: nothing checked
    assert {float(s.replace(",", ".")) for s in shares if s != withheld} <= set(range(0, 101, 5)), shares
