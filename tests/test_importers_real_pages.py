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
    # the data-as-of line under the figures: the demo's date for the demo, the import's date for real data
    as_of = next(c.value for c in at.caption if c.value.startswith("Data per"))
    assert ("31 Oktober 2026" in as_of) == (region == "99.02")


def test_dataset_info_and_import_log_record_the_real_imports(with_households):
    con = duckdb.connect(str(with_households), read_only=True)
    info = dict(con.execute("select info_key, info_value from dataset_info").fetchall())
    users = con.execute("select kind, imported_by from import_log order by imported_at").fetchall()
    con.close()
    assert info["is_synthetic"] == "false"
    assert info["synthetic_provinces"] == "99"
    assert info["real_import_kinds"] == "boundaries,p3ke"
    assert users == [("demo", "sinergi.data.demo"), ("boundaries", "uji"), ("p3ke", "uji")]
