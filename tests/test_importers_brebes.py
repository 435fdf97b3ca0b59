"""Acceptance: the real Brebes boundaries and codes plus a generated P3KE file go into a copy of the demo database,
and the app then shows Kabupaten Brebes with 17 kecamatan and 297 desa."""

from pathlib import Path

import duckdb
import pytest
import streamlit as st
from conftest import open_page
from importer_helpers import brebes_files, copy_demo, needs_real, sha

from sinergi.data import db
from sinergi.data.importers import execute, prepare
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.writer import list_backups, restore_previous

pytestmark = needs_real


@pytest.fixture(scope="module")
def brebes_db(tmp_path_factory) -> Path:
    path = copy_demo(tmp_path_factory.mktemp("brebes"))
    outcome = execute(
        prepare("boundaries", brebes_files(), path), accept_warnings=True, path=path, user="uji"
    )
    assert outcome.status == "written"
    con = duckdb.connect(str(path), read_only=True)
    desa = [
        r[0]
        for r in con.execute(
            "select region_code from region where kabupaten_code = '33.29' and level = 'desa'"
        ).fetchall()
    ]
    con.close()
    data = synthetic_p3ke(desa, 3000, sep=",")
    outcome = execute(
        prepare("p3ke", [("p3ke_brebes.csv", data)], path), accept_warnings=False, path=path, user="uji"
    )
    assert outcome.status == "written", outcome.prepared.report.frame().head()
    return path


def test_brebes_levels_and_households(brebes_db):
    con = duckdb.connect(str(brebes_db), read_only=True)
    levels = dict(
        con.execute(
            "select level, count(*) from region where starts_with(region_code || '.', '33.29.') group by level"
        ).fetchall()
    )
    assert levels == {"kabupaten": 1, "kecamatan": 17, "desa": 297}
    assert (
        con.execute(
            "select count(*) from region where region_code = '33' and name = 'Jawa Tengah'"
        ).fetchone()[0]
        == 1
    )
    assert con.execute("select count(*) from household where kabupaten_code = '33.29'").fetchone()[0] == 3000
    assert (
        con.execute(
            "select count(*) from region where region_type = 'kelurahan' and kabupaten_code = '33.29'"
        ).fetchone()[0]
        == 5
    )
    kinds = [r[0] for r in con.execute("select kind from import_log order by imported_at").fetchall()]
    assert kinds == ["demo", "boundaries", "p3ke"]
    # the demo is untouched
    assert (
        con.execute(
            "select count(*) from region where level = 'desa' and region_code like '99.%'"
        ).fetchone()[0]
        == 652
    )
    con.close()


def test_same_file_again_changes_nothing(brebes_db):
    before = sha(brebes_db)
    outcome = execute(
        prepare("boundaries", brebes_files(), brebes_db), accept_warnings=True, path=brebes_db, user="uji"
    )
    assert outcome.status == "unchanged"
    assert sha(brebes_db) == before


def test_app_shows_brebes(brebes_db, app, monkeypatch):
    monkeypatch.setenv("SINERGI_DB", str(brebes_db))
    db.close_connection()
    st.cache_data.clear()
    at = open_page(app, "pages/overview.py", wilayah="33.29")
    assert not at.exception
    kab = at.sidebar.selectbox(key="shell_kabupaten")
    assert "33.29" in kab.options or "Brebes" in kab.options
    kec = at.sidebar.selectbox(key="shell_kecamatan_33.29")
    assert len(kec.options) == 18  # "all kecamatan" plus 17
    assert "Brebes" in at.title[0].value
    if (db.PROJECT_ROOT / "pages" / "map_explorer.py").exists():
        at.switch_page("pages/map_explorer.py")
        at.run()
        assert not at.exception
    db.close_connection()


def test_restore_previous_version(tmp_path):
    path = copy_demo(tmp_path)
    original = sha(path)
    execute(prepare("boundaries", brebes_files(), path), accept_warnings=True, path=path, user="uji")
    assert sha(path) != original and len(list_backups(path)) == 1
    restore_previous(path)
    assert sha(path) == original
