"""A demo database built by older code is rebuilt at start; a database holding real data is never touched
(sinergi.data.demo.freshness, sinergi.ui.context.start_database, the demo_database fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from sinergi.data import db
from sinergi.data.demo import freshness
from sinergi.data.demo.build import build_demo_database

SMALL = 0.03


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fresh") / "small.duckdb"
    return build_demo_database(path, scale=SMALL)


def _copy(small_demo: Path, tmp_path: Path, **facts: str | None) -> Path:
    """Return a copy of the small demo with dataset_info facts changed (None deletes the fact)."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(small_demo, path)
    with duckdb.connect(str(path)) as con:
        for key, value in facts.items():
            con.execute("delete from dataset_info where info_key = $key", {"key": key})
            if value is not None:
                con.execute("insert into dataset_info values ($key, $value)", {"key": key, "value": value})
    return path


def _info(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(con.execute("select info_key, info_value from dataset_info").fetchall())


def test_a_build_stores_its_fingerprints(small_demo):
    info = _info(small_demo)
    assert info[freshness.FINGERPRINT_KEY] == freshness.demo_fingerprint()
    assert info[freshness.SCHEMA_KEY] == freshness.schema_fingerprint()
    assert freshness.check(small_demo) == "fresh"


def test_fingerprint_follows_the_schema_and_the_generator(monkeypatch):
    before = (freshness.demo_fingerprint(), freshness.schema_fingerprint())
    schema = db.load_sql("schema")
    freshness.demo_fingerprint.cache_clear()
    freshness.schema_fingerprint.cache_clear()
    monkeypatch.setattr(db, "load_sql", lambda name: schema + "\n-- a new column" if name == "schema" else "")
    try:
        after = (freshness.demo_fingerprint(), freshness.schema_fingerprint())
    finally:
        freshness.demo_fingerprint.cache_clear()
        freshness.schema_fingerprint.cache_clear()
    assert after[0] != before[0] and after[1] != before[1]
    assert len(before[0]) == 16


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        ({freshness.FINGERPRINT_KEY: "0ld"}, "rebuild"),  # the generator or schema changed since the build
        ({freshness.FINGERPRINT_KEY: None, freshness.SCHEMA_KEY: None}, "rebuild"),  # built before the check
        # real data: never rebuilt; a generator change alone does not matter, a schema change is warned about
        ({"is_synthetic": "false", freshness.FINGERPRINT_KEY: "0ld"}, "fresh"),
        ({"is_synthetic": "false", freshness.SCHEMA_KEY: "0ld"}, "warn"),
        ({"is_synthetic": "false", freshness.SCHEMA_KEY: None}, "warn"),
        # a national demo is built on purpose by its command (20 million households): warned about, not rebuilt
        ({"shape": "national", freshness.FINGERPRINT_KEY: "0ld", freshness.SCHEMA_KEY: "0ld"}, "warn"),
    ],
)
def test_what_is_done_with_an_old_file(small_demo, tmp_path, facts, state):
    assert freshness.check(_copy(small_demo, tmp_path, **facts)) == state
    db.close_connection()


def test_a_file_without_dataset_info_is_left_alone(tmp_path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t (x integer)")
    assert freshness.check(path) == "warn"
    db.close_connection()


def test_start_rebuilds_a_stale_demo_and_leaves_real_data(small_demo, tmp_path, monkeypatch):
    from sinergi.ui import context

    monkeypatch.setenv("SINERGI_DEMO_SCALE", str(SMALL))
    stale = _copy(small_demo, tmp_path, **{freshness.FINGERPRINT_KEY: "0ld"})
    monkeypatch.setenv("SINERGI_DB", str(stale))
    build = context.start_database()
    assert build is not None
    build.thread.join(timeout=300)
    assert build.error is None
    db.close_connection()  # this process still holds the replaced file open (as the app's cache does until a read)
    assert _info(stale)[freshness.FINGERPRINT_KEY] == freshness.demo_fingerprint()
    assert context.start_database() is None  # fresh now: no second build

    real = tmp_path / "real" / "copy.duckdb"
    real.parent.mkdir()
    real = _copy(small_demo, real.parent, **{"is_synthetic": "false", freshness.SCHEMA_KEY: "0ld"})
    before = real.stat().st_mtime_ns, real.read_bytes()
    monkeypatch.setenv("SINERGI_DB", str(real))
    assert context.start_database() is None
    assert (real.stat().st_mtime_ns, real.read_bytes()) == before
    db.close_connection()


def test_demo_facts_are_the_tables(con):
    """The date and rounds the tests use (conftest, from the generator) are what the built demo says."""
    from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_ROUND

    info = dict(con.execute("select info_key, info_value from dataset_info").fetchall())
    assert info["as_of"] == DEMO_AS_OF.isoformat()
    rounds = [
        r[0] for r in con.execute("select round_id from monitoring_round order by started_on").fetchall()
    ]
    assert (rounds[0], rounds[-1]) == (DEMO_BASELINE_ROUND, DEMO_ROUND)
