"""The left-behind list at province scale: the per-desa count from the summaries equals the household rows, and the
by-name list read page by page is the whole list, in the same order."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_KABUPATEN, DEMO_PROVINCE, DEMO_ROUND, open_page

from sinergi.access import audit
from sinergi.data import db
from sinergi.monitoring.analysis import left_behind_by_desa
from sinergi.ui.components import page_count

ALL = {"page_size": None, "page_offset": 0}


@pytest.fixture
def audit_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(tmp_path / "audit.sqlite3"))


def _regions(con) -> list[str]:
    rows = con.execute(
        "select region_code from region where level in ('provinsi', 'kabupaten', 'kecamatan') order by 1"
    ).fetchall()
    return [r[0] for r in rows][::3] + [DEMO_KABUPATEN[0]]


@pytest.mark.parametrize(
    ("round_id", "as_of"), [(DEMO_ROUND, DEMO_AS_OF), (DEMO_BASELINE_ROUND, date(2025, 9, 30))]
)
def test_the_count_per_desa_equals_the_household_rows(con, round_id, as_of):
    made = 0
    for region in _regions(con):
        params = {"region": region, "round_id": round_id, "as_of": as_of, "show_names": False}
        rows = db.run_query("left_behind_households", **params, **ALL)
        want = left_behind_by_desa(rows)
        got = db.run_query("left_behind_by_desa", **params)
        pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=f"{region} {round_id}")
        made += len(got)
    assert made > 0


def test_the_pages_make_the_whole_list_in_order():
    params = {"region": DEMO_KABUPATEN[0], "round_id": DEMO_ROUND, "as_of": DEMO_AS_OF, "show_names": False}
    whole = db.run_query("left_behind_households", **params, **ALL)
    size = 10
    pages = [
        db.run_query("left_behind_households", **params, page_size=size, page_offset=n * size)
        for n in range(page_count(len(whole), size))
    ]
    assert len(pages) > 1 and all(len(p) == size for p in pages[:-1])
    pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), whole)


def test_page_count():
    assert [page_count(n, 500) for n in (0, 1, 500, 501, 1000, 1001)] == [1, 1, 1, 2, 2, 3]


def test_the_list_pages_and_each_page_viewed_is_logged_once(app, audit_db, con):
    region = "99.05"  # 604 left behind in the demo: two pages of 500
    at = open_page(app, "pages/interventions.py", role="perencana", scope=region, wilayah=region, putaran="2")
    assert not at.exception
    assert any("Halaman 1 dari 2" in c.value for c in at.caption)
    key = f"intervensi_page_{region}_2"
    at.number_input(key=key).set_value(2).run()
    listed = next(d.value for d in at.dataframe if "ID Keluarga P3KE" in d.value.columns)
    # the caption every paged table writes (sinergi.ui.components.chosen_rows)
    assert len(listed) == 104 and any(
        "Halaman 2 dari 2: baris 501–604 dari 604" in c.value for c in at.caption
    )
    at.number_input(key=key).set_value(1).run()  # seen before: not logged again
    views = audit.events(event="by_name_view")
    offsets = sorted(str(v) for v in views["detail"] if "left_behind_households" in str(v))
    assert len(offsets) == 2 and '"page_offset": 0,' in offsets[0] and '"page_offset": 500,' in offsets[1]


def test_roles_without_by_name_access_get_the_count_only(app):
    at = open_page(app, "pages/interventions.py", role="monev", wilayah=DEMO_KABUPATEN[0], putaran="2")
    assert not at.exception
    assert not [d for d in at.dataframe if "ID Keluarga P3KE" in d.value.columns]
    assert not at.get("number_input")


def test_the_desa_table_pages_like_every_long_table(app, monkeypatch):
    """Per desa, a province's left-behind table is long (thousands of desa at 20 M): one page at a time."""
    import sinergi.ui.components as components

    monkeypatch.setattr(components, "PAGE_ROWS", 100)  # the demo province has 438 such desa, under 500
    at = open_page(app, "pages/interventions.py", role="monev", wilayah=DEMO_PROVINCE, putaran="2")
    assert not at.exception
    desa = next(d.value for d in at.dataframe if "Desa" in d.value.columns)
    assert len(desa) == 100
    assert any("Halaman 1 dari 5: baris 1–100 dari 438" in c.value for c in at.caption)
