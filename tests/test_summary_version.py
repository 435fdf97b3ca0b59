"""A file of real data whose summary tables an older version of Sinergi built is brought up to date at start
(sinergi.data.summary_version, sinergi.data.importers.refresh, sinergi.ui.summary_refresh): the summaries equal a
fresh build, no base row changes, the fingerprint is stored and pages work; a fresh file is never rewritten; a
failed rebuild leaves the file and says so; an import on a stale file rebuilds every summary table."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import open_page
from importer_helpers import copy_demo

from sinergi.access import audit
from sinergi.data import db, summary, summary_version
from sinergi.data.demo import freshness
from sinergi.data.importers import refresh, versions, writer

DROPPED = "summary_desa_partner_work"  # the table Koordinasi reads through actors_at_work
ALTERED = "summary_desa_household"


def _summaries(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {t: con.table(t).order(", ".join(con.table(t).columns)).df() for t in summary.SUMMARY_TABLES}


def _base_tables(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Each base table's row count and an order-free hash of its rows (dataset_info aside: the stamp goes there)."""
    names = [
        r[0] for r in con.execute("select table_name from duckdb_tables() where not temporary").fetchall()
    ]
    kept = [n for n in names if n not in summary.SUMMARY_TABLES and n != "dataset_info"]
    return {n: con.execute(f"select count(*), bit_xor(hash(t)) from {n} as t").fetchone() for n in kept}


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_stale(path: Path) -> None:
    """Mark the copy as real data built by an older version: a summary table missing, one with other rows, and no
    summary fingerprint."""
    con = duckdb.connect(str(path))
    try:
        con.execute("update dataset_info set info_value = 'false' where info_key = 'is_synthetic'")
        con.execute("delete from dataset_info where info_key = ?", [summary_version.FINGERPRINT_KEY])
        con.execute(f"drop table {DROPPED}")
        con.execute(f"update {ALTERED} set households_count = households_count + 7")
        con.execute("checkpoint")
    finally:
        con.close()


@pytest.fixture
def stale(tmp_path: Path, monkeypatch) -> Path:
    path = copy_demo(tmp_path)
    _make_stale(path)
    monkeypatch.setenv("SINERGI_DB", str(path))
    monkeypatch.setenv(versions.WORK_ENV, str(tmp_path / "work"))
    return path


def _assert_current(path: Path, base_before: dict[str, tuple[int, int]]) -> None:
    db.close_connection(path)
    con = duckdb.connect(str(path))
    try:
        got = _summaries(con)
        assert _base_tables(con) == base_before
        assert summary_version.stored_fingerprint(con) == summary_version.summary_fingerprint()
        con.execute("begin")
        summary_version.build_all(con)
        want = _summaries(con)
        con.execute("rollback")
    finally:
        con.close()
    for table in summary.SUMMARY_TABLES:
        pd.testing.assert_frame_equal(got[table], want[table], obj=table)


def _base_of(path: Path) -> dict[str, tuple[int, int]]:
    db.close_connection(path)
    with duckdb.connect(str(path), read_only=True) as con:
        return _base_tables(con)


def test_the_demo_is_stamped_with_the_summary_fingerprint(demo_database):
    with duckdb.connect(str(demo_database), read_only=True) as con:
        assert summary_version.is_current(con)
    assert (
        freshness.fingerprint_rows()[summary_version.FINGERPRINT_KEY] == summary_version.summary_fingerprint()
    )


def test_the_drop_file_names_every_summary_table():
    text = (summary_version.VERSION_DIR / "drop.sql").read_text()
    dropped = [
        line.removeprefix("drop table if exists ").rstrip(";")
        for line in text.splitlines()
        if line[:4] == "drop"
    ]
    assert sorted(dropped) == sorted(summary.SUMMARY_TABLES)


def test_a_stale_real_file_is_seen_as_such(stale):
    assert freshness.check(stale) == "summaries"
    db.close_connection(
        stale
    )  # the check's shared read-only connection: one configuration per file in a process
    con = duckdb.connect(str(stale))
    con.execute("insert or replace into dataset_info values (?, ?)", [summary_version.FINGERPRINT_KEY, "old"])
    con.close()
    assert freshness.check(stale) == "summaries"  # an old fingerprint, and a table missing


def test_a_missing_table_alone_makes_the_summaries_stale(tmp_path):
    path = copy_demo(tmp_path)
    with duckdb.connect(str(path)) as con:
        con.execute("update dataset_info set info_value = 'false' where info_key = 'is_synthetic'")
        con.execute(f"drop table {DROPPED}")
    assert freshness.check(path) == "summaries"


def test_the_app_rebuilds_stale_summaries_at_start_and_koordinasi_renders(stale, app):
    base = _base_of(stale)
    open_page(app, "pages/coordination.py", wilayah="99.02")
    assert not app.exception, app.exception
    assert freshness.check(stale) == "fresh"
    _assert_current(stale, base)
    recorded = audit.events(event="summary_refresh")["detail"]
    assert recorded.str.contains(str(stale), regex=False).sum() == 1
    assert recorded.str.contains('"status": "written"', regex=False).any()
    assert not versions.working_copies(stale)


def test_a_fresh_file_is_not_rewritten(tmp_path, monkeypatch):
    path = copy_demo(tmp_path)
    monkeypatch.setenv(versions.WORK_ENV, str(tmp_path / "work"))
    before = path.stat()
    assert refresh.refresh_summaries(path) is False
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_failed_rebuild_leaves_the_file_and_says_so(stale, app, monkeypatch):
    sha = _file_sha(stale)
    real = summary.rebuild_table

    def failing(con, table, scope=summary.EVERYTHING):
        if table == DROPPED:
            raise duckdb.BinderException("a statement this file cannot run")
        real(con, table, scope)

    monkeypatch.setattr(summary, "rebuild_table", failing)
    with pytest.raises(duckdb.BinderException):
        refresh.refresh_summaries(stale)
    assert _file_sha(stale) == sha
    assert not versions.working_copies(stale)
    assert freshness.check(stale) == "summaries"
    open_page(app, "pages/overview.py", wilayah="99.02")
    assert any("Pembaruan tabel ringkasan gagal" in e.value for e in app.error), [e.value for e in app.error]
    assert _file_sha(stale) == sha
    recorded = audit.events(event="summary_refresh")["detail"]
    assert recorded[recorded.str.contains(str(stale), regex=False)].str.contains('"failed"').all()


def test_an_import_on_a_stale_file_rebuilds_every_summary_table(stale):
    base = _base_of(stale)

    def nothing(con: duckdb.DuckDBPyConnection) -> int:
        summary.begin_scope(con)  # a write that reaches no summary row: a current file would rebuild none
        return 0

    writer.write_import("p3ke", "x.csv", "0" * 64, nothing, 0, user="test", path=stale)
    db.close_connection(stale)
    with duckdb.connect(str(stale), read_only=True) as con:
        base_after = _base_tables(con)
    # the import adds its own import_log row; every other base table is as it was
    assert {k: v for k, v in base_after.items() if k != "import_log"} == {
        k: v for k, v in base.items() if k != "import_log"
    }
    _assert_current(stale, base_after)


def test_with_the_refresh_off_a_stale_file_is_left_and_pages_warn(stale, app, monkeypatch):
    monkeypatch.setenv("SINERGI_SUMMARY_REFRESH", "off")
    sha = _file_sha(stale)
    open_page(app, "pages/overview.py", wilayah="99.02")
    assert any("SINERGI_SUMMARY_REFRESH=off" in w.value for w in app.warning), [w.value for w in app.warning]
    assert _file_sha(stale) == sha
