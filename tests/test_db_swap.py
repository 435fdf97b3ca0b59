"""Readers never notice an import: queries from several threads keep running while imports and a restore swap the
database file, with zero errors, and every reader sees the new file afterwards."""

import threading

import duckdb
import pandas as pd
from conftest import DEMO_AS_OF
from importer_helpers import copy_demo

from sinergi.data import db
from sinergi.data.importers import execute, prepare
from sinergi.data.importers.writer import restore_previous

QUERIES = [
    ("import_log_recent", {}),
    ("region_selector_kabupaten", {}),
    ("dataset_info", {}),
    ("location_indicators", {"region": "99.02", "as_of": DEMO_AS_OF}),
]


def _partner(n: int) -> bytes:
    frame = pd.DataFrame([{"partner_id": f"MTR-95{n}", "name": f"Mitra uji {n}", "partner_type": "swasta",
                           "description": "uji", "contact_email": "a@b.id"}])  # fmt: skip
    return frame.to_csv(index=False).encode()


def test_queries_from_threads_survive_imports_and_a_restore(tmp_path, monkeypatch):
    path = copy_demo(tmp_path)
    monkeypatch.setenv("SINERGI_DB", str(path))
    db.close_connection()
    errors: list[str] = []
    done = threading.Event()
    counts = [0] * 6

    def reader(slot: int) -> None:
        i = 0
        while not done.is_set():
            name, params = QUERIES[(slot + i) % len(QUERIES)]
            try:
                frame = db.run_query(name, **params)
                assert len(frame) > 0, name
            except Exception as exc:  # every failure counts, whatever its kind
                errors.append(f"{name}: {type(exc).__name__}: {exc}")
            counts[slot] += 1
            i += 1

    threads = [threading.Thread(target=reader, args=(slot,)) for slot in range(len(counts))]
    for thread in threads:
        thread.start()
    try:
        for n in range(3):
            outcome = execute(prepare("partner", [(f"m{n}.csv", _partner(n))], path), user="uji", path=path)
            assert outcome.status == "written"
        assert restore_previous(path) is not None
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert min(counts) > 0
    # after the restore the readers see two partner imports (the third was undone)
    log = db.run_query("import_log_recent")
    assert (log["kind"] == "partner").sum() == 2
    db.close_connection()


def test_the_reading_connection_uses_the_threads_configured(tmp_path, monkeypatch):
    # unset: DuckDB's default (one per core; the national scorecard needs both); set: that many
    # (sinergi.data.db.THREADS_ENV)
    path = copy_demo(tmp_path)
    monkeypatch.setenv("SINERGI_DB", str(path))
    cores = duckdb.connect().execute("select current_setting('threads')").fetchone()[0]
    for configured, expected in ((None, cores), ("1", 1), ("2", 2)):
        if configured is None:
            monkeypatch.delenv(db.THREADS_ENV, raising=False)
        else:
            monkeypatch.setenv(db.THREADS_ENV, configured)
        db.close_connection()
        with db.reading() as cursor:
            assert cursor.execute("select current_setting('threads')").fetchone()[0] == expected
    db.close_connection()
