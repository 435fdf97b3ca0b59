"""The collaboration pages under AppTest, for two kabupaten and a deep link each."""

import pytest
from conftest import APP, DEMO_AS_OF, DEMO_KABUPATEN, open_page
from streamlit.testing.v1 import AppTest

from sinergi.collaboration.rules import gap_cells
from sinergi.data import db

PAGES = {
    "pages/partners.py": 0,
    "pages/agreements.py": 1,  # the list and timeline; the detail (3 charts) needs ?moa=
    "pages/coordination.py": 1,
    "pages/program_history.py": 2,
    "pages/pipeline.py": 1,
}


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.title] + [h.value for h in at.header]
    return "\n".join(str(p) for p in parts)


def _links(at) -> list:
    return [el.proto for el in at.get("page_link")]


@pytest.mark.parametrize("kabupaten", DEMO_KABUPATEN)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs(app, con, page, kabupaten):
    at = open_page(app, page, wilayah=kabupaten)
    assert not at.exception, at.exception
    name = con.execute("select name from region where region_code = $r", {"r": kabupaten}).fetchone()[0]
    assert name in at.title[0].value
    assert len(at.get("plotly_chart")) == PAGES[page]
    assert len(at.get("download_button")) >= 2


@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_in_english_at_kecamatan_level(app, page):
    at = open_page(app, page, wilayah="99.05.01", bahasa="en", moa="MOA-0501", mitra="MTR-040")
    assert not at.exception, at.exception
    assert "District" in at.title[0].value


def test_moa_deep_link_shows_that_agreement(app, con):
    at = open_page(app, "pages/agreements.py", wilayah="99.02", moa="MOA-0204")
    assert not at.exception
    assert any(h.value.startswith("MOA-0204 · ") for h in at.header)
    assert len(at.get("plotly_chart")) == 3
    # the contribution table on the page equals the raw contributions of that MoA
    table = next(df.value for df in at.dataframe if "Pihak" in df.value.columns)
    sums = con.execute(
        """select p.name, sum(pledged_value_rp) from contribution c join partner p using (partner_id)
        where moa_id = 'MOA-0204' group by c.partner_id, c.contribution_kind, p.name"""
    ).fetchall()
    assert len(table) == len(sums)
    assert sorted(table["Komitmen (Rp)"]) == pytest.approx(sorted(v for _, v in sums))
    stages = con.execute("select count(*) from moa_stage where moa_id = 'MOA-0204'").fetchone()[0]
    assert _text(at).count("✔") == stages
    parties = con.execute("select count(*) from moa_party where moa_id = 'MOA-0204'").fetchone()[0]
    to_partners = [link for link in _links(at) if link.page == "mitra" and "mitra=MTR-" in link.query_string]
    assert len(to_partners) == parties


def test_moa_alerts_name_the_undecided_agreement(app):
    at = open_page(app, "pages/agreements.py", wilayah="99.02")
    assert any("MOA-0202" in e.value for e in at.error)


def test_partner_deep_link_lists_its_agreements(app, con):
    at = open_page(app, "pages/partners.py", wilayah="99.02", mitra="MTR-012")
    assert not at.exception
    assert "Dinas Kesehatan Kabupaten Watu Molo" in [h.value for h in at.header]
    moas = {r[0] for r in con.execute("select moa_id from moa_party where partner_id = 'MTR-012'").fetchall()}
    labels = " ".join(link.label for link in _links(at))
    assert moas and all(m in labels for m in moas)


def test_partner_filter_narrows_the_registry(app):
    at = open_page(app, "pages/partners.py", wilayah="99.02")
    before = len(at.dataframe[0].value)
    at.multiselect(key="mitra_types").set_value(["bumn"]).run()
    after = at.dataframe[0].value
    assert 0 < len(after) < before
    assert set(after["Jenis"]) == {"BUMN"}


def test_gap_table_on_the_page_matches_the_gap_logic(app):
    at = open_page(app, "pages/coordination.py", wilayah="99.05")
    gaps = gap_cells(db.run_query("sector_need_by_desa", region="99.05", as_of=DEMO_AS_OF, gaps_only=False))
    table = next(df.value for df in at.dataframe if "Kebutuhan" in df.value.columns)
    assert table["Kode wilayah"].tolist() == gaps["desa_code"].tolist()
    assert "Bappeda Kabupaten Oe Mutiara" in _text(at)
    assert sum("mitra=MTR-" in link.query_string for link in _links(at)) >= 5


def test_pipeline_days_input_changes_the_stuck_list(app):
    at = open_page(app, "pages/pipeline.py", wilayah="99.02")
    at.number_input(key="alur_days").set_value(0).run()
    assert not at.exception
    with_zero = len(at.dataframe)
    at.number_input(key="alur_days").set_value(3650).run()
    assert len(at.dataframe) < with_zero


def _heatmaps(at) -> list[dict]:
    import json

    return [
        trace
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        if trace["type"] == "heatmap"
    ]


def test_province_heatmap_has_one_row_per_kabupaten_and_drills_down_to_kecamatan(app, con):
    at = open_page(app, "pages/coordination.py", wilayah="99")
    assert not at.exception
    (heat,) = _heatmaps(at)
    kabupaten = [
        r[0]
        for r in con.execute("select region_code from region where level = 'kabupaten' order by 1").fetchall()
    ]
    assert heat["y"] == kabupaten  # rows keyed by code, labelled by name
    at.selectbox(key="koordinasi_drill_99").set_value("99.02").run()
    assert not at.exception
    top, drill = _heatmaps(at)
    kecamatan = con.execute(
        "select region_code from region where level = 'kecamatan' and parent_code = '99.02' order by 1"
    ).fetchall()
    assert drill["y"] == [r[0] for r in kecamatan]  # names repeat across kabupaten; codes do not
    # the drill-down's cells are the kabupaten page's own
    own = _heatmaps(
        open_page(AppTest.from_file(APP, default_timeout=30), "pages/coordination.py", wilayah="99.02")
    )
    assert drill["z"] == own[0]["z"] and drill["text"] == own[0]["text"]


def test_moa_page_lists_every_moa_the_briefing_counts_for_a_decision(app):
    # Tester, 99.02: the briefing counted 5, the MoA page listed 3 (the 2 stuck ones were only on Alur Program).
    from conftest import DEMO_AS_OF

    from sinergi.briefing.content import gather
    from sinergi.data.db import run_query

    at = open_page(app, "pages/agreements.py", wilayah="99.02")
    alerts = " ".join(box.value for box in [*at.error, *at.warning])
    decided = gather(run_query, "99.02", 2, 1, DEMO_AS_OF).decisions
    # behind target is a KPI reason (Monev KPI); every other reason has an alert on the MoA page
    listed = {
        m for m, rs in zip(decided["moa_id"], decided["reasons"], strict=True) if rs != ("behind_target",)
    }
    assert {"MOA-0206", "MOA-0207"} <= listed
    assert all(m in alerts for m in listed)


def test_pipeline_starts_at_the_briefings_stuck_threshold(app):
    from sinergi.common.stuck import STUCK_DAYS

    at = open_page(app, "pages/pipeline.py", wilayah="99.02")
    assert at.number_input(key="alur_days").value == STUCK_DAYS == 120


def test_program_history_has_one_kecamatan_filter_the_sidebars(app, con):
    # Tester: Riwayat Program had its own Kecamatan filter beside the sidebar's.
    from sinergi.common.i18n import translate

    at = open_page(app, "pages/program_history.py", wilayah="99.02.01")
    assert not at.exception
    assert translate("koordinasi.col.kecamatan", "id") not in [m.label for m in at.multiselect]
    programs = con.execute(
        "select count(*) from agency_program_history where desa_code like '99.02.01.%'"
    ).fetchone()[0]
    assert at.metric[0].value == str(programs)


def test_gap_table_pages_and_its_downloads_hold_every_gap(app, monkeypatch):
    import io

    import pandas as pd
    from conftest import click_download

    from sinergi.ui import components

    monkeypatch.setattr(
        components, "PAGE_ROWS", 50
    )  # the demo province has 164 gaps; a province at scale, 4,000
    gaps = gap_cells(db.run_query("sector_need_by_desa", region="99", as_of=DEMO_AS_OF, gaps_only=False))
    at = open_page(app, "pages/coordination.py", wilayah="99")
    assert not at.exception

    def drawn():
        return next(df.value for df in at.dataframe if "Kebutuhan" in df.value.columns)[
            "Kode wilayah"
        ].tolist()

    assert drawn() == gaps["desa_code"][:50].tolist()
    assert any("baris 1–50 dari 164" in c.value for c in at.caption)
    at.number_input(key="koordinasi_gaps_page_celah_99").set_value(4).run()
    assert drawn() == gaps["desa_code"][150:].tolist()
    assert any("Halaman 4 dari 4: baris 151–164 dari 164" in c.value for c in at.caption)
    csv = next(b for b in at.get("download_button") if b.proto.label == "Unduh CSV")
    written = pd.read_csv(io.BytesIO(click_download(csv)), sep=";", encoding="utf-8-sig", dtype=str)
    assert written["Kode wilayah"].tolist() == gaps["desa_code"].tolist()
    assert written["Kebutuhan"].notna().all()  # the need in words, for every gap, not only the page drawn


def test_province_hub_shows_the_busiest_agencies_per_role_and_says_how_many(app):
    hub = db.run_query("hub_agencies_in_region", region="99", as_of=DEMO_AS_OF)
    at = open_page(app, "pages/coordination.py", wilayah="99")
    per_role = hub.groupby("hub_role").size()
    assert (per_role > 5).any()  # six kabupaten: more agencies per role than cards
    for role, total in per_role.items():
        if total > 5:
            assert any(f"5 dari {total} ditampilkan" in c.value for c in at.caption), role
    profiles = [link for link in _links(at) if "mitra=MTR-" in link.query_string]
    busiest = hub.sort_values("programs_count", ascending=False, kind="stable").groupby("hub_role").head(5)
    assert {link.query_string.split("mitra=")[1].split("&")[0] for link in profiles} >= set(
        busiest["partner_id"]
    )
    table = next(df.value for df in at.dataframe if len(df.value) == len(hub))  # the table keeps every agency
    assert len(table) == len(hub)
