"""Done when (issue 13): the real Brebes boundaries, then a generated P3KE export with spelling variants and blanks,
go into a copy of the demo database, and every page renders as admin for Kabupaten Brebes (33.29) and a desa
profile, without exception; a kabupaten with boundaries only renders too ("belum ada data" where data is missing).
The sidebar tells the truth about what is real."""

from pathlib import Path

import duckdb
import pytest
import streamlit as st
from conftest import open_page
from importer_helpers import brebes_files, copy_demo, needs_real, p3ke_as_circulated

from sinergi.data import db
from sinergi.data.importers import execute, prepare
from sinergi.ui.pages import PAGES

pytestmark = needs_real


def _brebes_desa(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        sql = "select region_code from region where kabupaten_code = '33.29' and level = 'desa' order by 1"
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def boundaries_only(tmp_path_factory) -> Path:
    path = copy_demo(tmp_path_factory.mktemp("batas"))
    assert execute(prepare("boundaries", brebes_files(), path), user="uji", path=path).status == "written"
    return path


@pytest.fixture(scope="module")
def with_households(tmp_path_factory) -> Path:
    path = copy_demo(tmp_path_factory.mktemp("p3ke"))
    assert execute(prepare("boundaries", brebes_files(), path), user="uji", path=path).status == "written"
    data, _ = p3ke_as_circulated(_brebes_desa(path), 3000, "title")
    prepared = prepare("p3ke", [("p3ke_brebes.csv", data)], path)
    assert prepared.report.errors == 0 and prepared.report.warnings == 0, prepared.report.frame().head()
    assert execute(prepared, user="uji", path=path).status == "written"
    return path


@pytest.fixture(params=["boundaries_only", "with_households"])
def real_db(request, monkeypatch) -> Path:
    path = request.getfixturevalue(request.param)
    monkeypatch.setenv("SINERGI_DB", str(path))
    db.close_connection()
    st.cache_data.clear()
    yield path
    db.close_connection()


@pytest.mark.parametrize("page", [spec.file for spec in PAGES])
def test_every_page_renders_for_brebes_as_admin(page, real_db, app):
    at = open_page(app, page, wilayah="33.29")
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert at.query_params["wilayah"] == "33.29"


def test_desa_profile_renders_with_or_without_demography(real_db, app):
    desa = _brebes_desa(real_db)[0]
    at = open_page(app, "pages/map_explorer.py", wilayah="33.29")
    at.selectbox(key="peta_desa").select(desa).run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert "Salem" in at.subheader[0].value
    assert any("Belum ada data demografi" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("region", "words"), [("33.29", "Data nyata hasil impor"), ("99.02", "data demo sintetis")]
)
def test_sidebar_tells_real_from_synthetic(region, words, real_db, app):
    at = open_page(app, "pages/overview.py", wilayah=region)
    captions = [c.value for c in at.sidebar.caption]
    assert any(words in c for c in captions), captions
    # the data-as-of line under the figures comes from the data, never the import's clock (walk1 item 6): the demo's
    # date for the demo and for boundaries alone (they carry no date), the P3KE update year's end with households
    as_of = next(c.value for c in at.caption if c.value.startswith("Data per"))
    real_with_data = region == "33.29" and "p3ke" in str(real_db)
    assert as_of.startswith("Data per 31 Desember 2023" if real_with_data else "Data per 31 Oktober 2026"), (
        as_of
    )


def test_dataset_info_and_import_log_record_the_real_imports(with_households):
    con = duckdb.connect(str(with_households), read_only=True)
    info = dict(con.execute("select info_key, info_value from dataset_info").fetchall())
    users = con.execute("select kind, imported_by from import_log order by imported_at").fetchall()
    con.close()
    assert info["is_synthetic"] == "false"
    assert info["synthetic_provinces"] == "99"
    assert info["real_import_kinds"] == "boundaries,p3ke"
    assert users == [("demo", "sinergi.data.demo"), ("boundaries", "uji"), ("p3ke", "uji")]


# Pages that count households: on a kabupaten with boundaries only they say there is no household data yet, and show
# no count of poor households, targets or survey figures (walk1 item 6: "0" tiles, a red arrow, "tetap 0").
HOUSEHOLD_PAGES = [
    "pages/overview.py",
    "pages/briefing.py",
    "pages/map_explorer.py",
    "pages/target_selection.py",
    "pages/coordination.py",
    "pages/interventions.py",
    "pages/household_transitions.py",
    "pages/comparison.py",
]
NO_HOUSEHOLDS = "Belum ada data rumah tangga untuk wilayah ini"


@pytest.mark.parametrize("page", HOUSEHOLD_PAGES)
def test_boundaries_only_pages_say_there_is_no_household_data(page, boundaries_only, monkeypatch, app):
    monkeypatch.setenv("SINERGI_DB", str(boundaries_only))
    db.close_connection()
    at = open_page(app, page, wilayah="33.29")
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert any(NO_HOUSEHOLDS in i.value for i in at.info), [i.value for i in at.info]
    assert not at.metric, [(m.label, m.value) for m in at.metric]  # no tile states a count that has no data
    assert not any("tetap 0" in m.value or "RT" in m.value and " 0" in m.value for m in at.markdown)
    db.close_connection()


def test_boundaries_only_peta_draws_no_data_not_zero(boundaries_only, monkeypatch, app):
    monkeypatch.setenv("SINERGI_DB", str(boundaries_only))
    db.close_connection()
    at = open_page(app, "pages/map_explorer.py", wilayah="33.29")
    legend = next(h.proto.body for h in at.get("html") if "solid #666" in h.proto.body)  # the swatches
    assert "Tidak ada data" in legend
    assert "</span>0</div>" not in legend  # walk1: every desa in one class "0"
    db.close_connection()


def test_with_households_no_notice(with_households, monkeypatch, app):
    monkeypatch.setenv("SINERGI_DB", str(with_households))
    db.close_connection()
    at = open_page(app, "pages/overview.py", wilayah="33.29")
    assert not any(NO_HOUSEHOLDS in i.value for i in at.info)
    assert at.metric
    db.close_connection()


def test_real_as_of_comes_from_the_data(boundaries_only, with_households):
    def info(path: Path) -> dict[str, str]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return dict(con.execute("select info_key, info_value from dataset_info").fetchall())
        finally:
            con.close()

    # boundaries carry no date: no real_as_of, so the dataset's as_of stands
    assert "real_as_of" not in info(boundaries_only)
    # the generated P3KE file says Dimuktakhirkan Tahun 2023 and no verification date
    assert info(with_households)["real_as_of"] == "2023-12-31"


@pytest.mark.parametrize("region", ["33.29", "33.29.01", "99.02", "99.02.03", "99"])
def test_region_has_households_query(region, boundaries_only, monkeypatch):
    monkeypatch.setenv("SINERGI_DB", str(boundaries_only))
    db.close_connection()
    con = duckdb.connect(str(boundaries_only), read_only=True)
    sql = "select count(*) from household where desa_code like ? || '.%' or kecamatan_code = ? or kabupaten_code = ?"
    expected = con.execute(sql, [region, region, region]).fetchone()[0] > 0
    con.close()
    assert bool(db.run_query("region_has_households", region=region)["has_households"].iloc[0]) == expected
    assert expected == region.startswith("99")
    db.close_connection()


def test_region_as_of_never_takes_the_import_time():
    from datetime import date

    from sinergi.data.dataset_info import region_as_of

    info = {"as_of": "2026-10-31", "is_synthetic": "false", "synthetic_provinces": "99"}
    info["real_imported_at"] = "2026-12-01T19:55:48"
    assert region_as_of(info, "33.29") == date(2026, 10, 31)  # boundaries only: the dataset's date stands
    assert region_as_of(info | {"real_as_of": "2023-12-31"}, "33.29") == date(2023, 12, 31)
    assert region_as_of(info | {"real_as_of": "2023-12-31"}, "99.02") == date(2026, 10, 31)  # the demo's own


def test_boundaries_only_rapor_row_has_no_household_figures(boundaries_only, monkeypatch, app):
    monkeypatch.setenv("SINERGI_DB", str(boundaries_only))
    db.close_connection()
    at = open_page(app, "pages/scorecard.py", wilayah="33.29")
    assert not at.exception
    row = at.dataframe[0].value.iloc[0]
    assert row["Kabupaten/kota"] == "Brebes"
    assert row["RT miskin ekstrem (register)"] == "–" and row["RT miskin ekstrem (survei)"] == "–"
    assert row["MoA aktif"] == 0  # MoAs are counted, and there are none
    legend = next(h.proto.body for h in at.get("html") if "solid #666" in h.proto.body)
    assert "Tidak ada data" in legend and "</span>0</div>" not in legend
    assert list(db.run_query("kabupaten_with_households", region="33")["kabupaten_code"]) == []
    con = duckdb.connect(str(boundaries_only), read_only=True)
    expected = [
        r[0] for r in con.execute("select distinct kabupaten_code from household order by 1").fetchall()
    ]
    con.close()
    assert list(db.run_query("kabupaten_with_households", region="99")["kabupaten_code"]) == expected
    db.close_connection()
