"""Shared fixtures: the demo database (built once, under a file lock), a raw connection, AppTest factories."""

from __future__ import annotations

import fcntl
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from hypothesis import settings
from streamlit import config as streamlit_config
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from sinergi.access.login import NAME_KEY, SEEN_KEY, VIEWER_KEY
from sinergi.access.policy import make_viewer
from sinergi.data import db
from sinergi.data.demo import freshness
from sinergi.data.demo import households as demo_households
from sinergi.data.demo import programs as demo_programs
from sinergi.data.demo.build import build_demo_database

# The shipped config hides error details from browsers (a served app shows an incident id instead); AppTest tests
# read the exception messages, so they run with full details.
streamlit_config.set_option("client.showErrorDetails", "full")
# Plotly checks every chart property under test; the served app skips the checks (sinergi.common.plot).
os.environ["SINERGI_VALIDATE_CHARTS"] = "1"
# Property tests have no time limit per example: on a shared 2-core machine a deadline fails on the queue, not the code
# (speed is measured in benchmarks).
settings.register_profile("sinergi", deadline=None)
settings.load_profile("sinergi")
ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
REAL_DATA = ROOT.parent / "shared" / "data" / "real"
DEMO_PROVINCE = "99"
DEMO_KABUPATEN = ("99.02", "99.05")
# The demo's date and rounds, from the generator that writes them into dataset_info and monitoring_round
# (test_demo_facts_are_the_tables checks the built file says the same): never copied into a test as literals.
DEMO_AS_OF = demo_programs.AS_OF
DEMO_BASELINE_ROUND = int(demo_households.ROUNDS["round_id"].min())
DEMO_ROUND = int(demo_households.ROUNDS["round_id"].max())
DEMO_ROUNDS = {"round_id": DEMO_ROUND, "baseline_round_id": DEMO_BASELINE_ROUND}
# Tests write their audit events to a throw-away store, never to data/audit.sqlite3.
os.environ.setdefault(
    "SINERGI_AUDIT_DB", str(Path(tempfile.mkdtemp(prefix="sinergi-audit-")) / "audit.sqlite3")
)


@pytest.fixture(scope="session", autouse=True)
def demo_database() -> Path:
    """Build the demo database once if it is missing or was built by an older schema or generator (a real import
    is never touched: a warning instead); workers of pytest-xdist wait on a lock."""
    path = db.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = freshness.check(path) if path.exists() else "rebuild"
        if state == "rebuild":
            build_demo_database(path)
            db.close_connection(path)
        elif state == "warn":
            warnings.warn(
                f"{path} holds real data or a national demo from an older schema: tests may fail",
                stacklevel=1,
            )
        fcntl.flock(lock, fcntl.LOCK_UN)
    return path


@pytest.fixture
def con(demo_database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A separate read-only connection for independent SQL in tests."""
    connection = duckdb.connect(str(demo_database), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def app() -> AppTest:
    """A fresh AppTest of app.py with cleared caches."""
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=30)


def sign_in(app: AppTest, role: str = "admin", scope: str | None = None) -> AppTest:
    """Sign the AppTest session in as role (scoped roles default to the first demo kabupaten), skipping the form."""
    import time

    if role in ("perencana", "pimpinan"):
        scope = scope or DEMO_KABUPATEN[0]
    app.session_state[VIEWER_KEY] = make_viewer(f"test-{role}", role, scope)
    app.session_state[NAME_KEY] = f"Test {role}"
    app.session_state[SEEN_KEY] = time.time()
    return app


def open_page(
    app: AppTest, page: str, role: str | None = "admin", scope: str | None = None, **query: str
) -> AppTest:
    """Sign in as role (admin: province-wide, by name; None: stay signed out), run app.py, then switch to a page
    file (e.g. 'pages/overview.py') with query parameters set."""
    if role is not None:
        sign_in(app, role, scope)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    return app


# AppTest gives each run its own media manager and drops it afterwards: remember what each download button would
# run on a click (its file is made on request), so that a test can click it after the run.
_DEFERRED: dict[str, object] = {}
_add_deferred = MediaFileManager.add_deferred


def _recording_add_deferred(self, data_callable, *args, **kwargs):
    file_id = _add_deferred(self, data_callable, *args, **kwargs)
    _DEFERRED[file_id] = data_callable
    return file_id


MediaFileManager.add_deferred = _recording_add_deferred


def click_download(button) -> bytes:
    """Run what a click on a download button runs (its file is made on request) and return the file's bytes."""
    file_id = button.proto.deferred_file_id
    # once a test has served the app (server.py keeps fresh downloads), the id a button carries is ours renamed
    # after its element (sinergi.access.reconnect.keyed_id): the recorder saw it before the rename
    made = _DEFERRED.get(file_id, _DEFERRED.get(file_id.partition("@")[0]))()
    return made if isinstance(made, bytes) else str(made).encode("utf-8")


# The README's `pytest` is what a developer runs many times a day: it keeps one real-browser check per concern (a
# page drawn, selections kept, the map offline and clicked, an error shown safely, the briefing on a projector).
# .ci/run sets SINERGI_TEST_FULL=1 and runs every browser test (they take most of the suite's time).
FULL = os.environ.get("SINERGI_TEST_FULL") == "1"
EVERYDAY_BROWSER_CHECKS = (
    "test_browser.py::test_beranda_in_chromium",
    "test_browser_pages.py::test_selections_stay_across_pages_and_a_reload",
    "test_browser_peta.py::test_peta_draws_the_map_offline[semua]",
    "test_browser_peta.py::test_clicks_open_the_desa_and_the_place_under_the_pointer[99.02]",
    "test_browser_security.py::test_errors_show_an_incident_id_and_no_trace",
    "test_browser_briefing.py::test_kabupaten_briefing_fits_one_full_hd_screen",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without SINERGI_TEST_FULL=1, leave the browser tests outside EVERYDAY_BROWSER_CHECKS to CI (deselected)."""
    collected = {item.nodeid.removeprefix("tests/") for item in items}
    files = {nodeid.split("::")[0] for nodeid in collected}
    lost = [c for c in EVERYDAY_BROWSER_CHECKS if c.split("::")[0] in files and c not in collected]
    if lost:  # a renamed test would otherwise drop out of the everyday run unnoticed
        raise pytest.UsageError(f"EVERYDAY_BROWSER_CHECKS names tests that do not exist: {lost}")
    if FULL:
        return
    kept, left = [], []
    for item in items:
        everyday = item.nodeid.removeprefix("tests/") in EVERYDAY_BROWSER_CHECKS
        (left if item.get_closest_marker("browser") and not everyday else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the tables tests recorded as the `settle_times` property (kept across pytest-xdist workers)."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "settle_times" and report.when == "call":
                terminalreporter.write_sep("-", "settle times")
                terminalreporter.write_line(str(value))


NATIONAL_TEST_HOUSEHOLDS = 200_000


@pytest.fixture(scope="session")
def national_database() -> Path:
    """A small national-shape build (38 provinces, 514 kabupaten, 200k households), built once per version of the
    national generator (its code hash is in the file name); workers of pytest-xdist wait on a lock."""
    from sinergi.data.demo.national import build_national_database, generator_fingerprint

    path = db.database_path().with_name(f"national-test-{generator_fingerprint()}.duckdb")
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build_national_database(path, seed=42, household_count=NATIONAL_TEST_HOUSEHOLDS)
        fcntl.flock(lock, fcntl.LOCK_UN)
    return path
