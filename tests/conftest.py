"""Shared fixtures: the demo database (built once, under a file lock), a raw connection, AppTest factories."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sinergi import db
from sinergi.demo.build import build_demo_database

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
REAL_DATA = ROOT.parent / "shared" / "data" / "real"
DEMO_PROVINCE = "99"
DEMO_KABUPATEN = ("99.02", "99.05")


@pytest.fixture(scope="session", autouse=True)
def demo_database() -> Path:
    """Build the demo database once if it is missing; workers of pytest-xdist wait on a lock."""
    path = db.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build_demo_database(path)
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


def open_page(app: AppTest, page: str, **query: str) -> AppTest:
    """Run app.py, then switch to a page file (e.g. 'pages/overview.py') with query parameters set."""
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    return app
