"""The one door to the database: named SQL files, bound parameters, a read-only connection, a cursor per query."""

from __future__ import annotations

import os
import re
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from sinergi.data import rules


def _project_root() -> Path:
    # A source checkout (editable install) keeps data/ and config/ beside app.py; an installed package uses the
    # directory the app was started from, or $SINERGI_HOME.
    if "SINERGI_HOME" in os.environ:
        return Path(os.environ["SINERGI_HOME"]).resolve()
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "app.py").is_file() else Path.cwd().resolve()


PROJECT_ROOT = _project_root()
# queries/ ships as the package data of `sinergi.queries` (pyproject maps the package to the top-level folder).
QUERIES_DIR = Path(str(resources.files("sinergi.queries")))
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "sinergi.duckdb"
# queries/macros.sql holds the shared rules every query may use; it and the DDL are not queries of their own.
RULES_FILE = "macros"
DDL_FILES = {"schema", RULES_FILE}

_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def database_path() -> Path:
    """Return the database file in use: $SINERGI_DB or data/sinergi.duckdb."""
    return Path(os.environ.get("SINERGI_DB", DEFAULT_DB_PATH))


@cache
def load_sql(name: str) -> str:
    """Return the text of queries/<name>.sql; the name must be a plain identifier."""
    if not _NAME_RE.match(name):
        raise ValueError(f"invalid query name: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def sql_parameters(sql: str) -> set[str]:
    """Return the `$name` parameters a SQL text uses (comments stripped first)."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return set(_PARAM_RE.findall(without_comments))


class _ConnectionCache:
    """One read-only connection per database file version; a swapped file (new inode) gets a new connection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, int, int] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None

    def get(self, path: Path) -> duckdb.DuckDBPyConnection:
        stat = path.stat()
        key = (str(path), stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._con is None or key != self._key:
                if self._con is not None:
                    self._con.close()
                self._con = duckdb.connect(str(path), read_only=True)
                self._key = key
            return self._con

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._key = None, None


_connections = _ConnectionCache()


def connection() -> duckdb.DuckDBPyConnection:
    """Return the shared read-only connection to the current database file."""
    path = database_path()
    if not path.exists():
        raise FileNotFoundError(f"database not found: {path}")
    return _connections.get(path)


def close_connection() -> None:
    """Close the shared connection (tests, and before a writer replaces the file)."""
    _connections.close()


def run_query(name: str, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql with its `$parameters` bound from params; return a DataFrame.

    Every parameter the SQL names must be given; extra keyword arguments are ignored so that callers can pass the
    shared context (region, round) to any query.
    """
    sql = load_sql(name)
    wanted = sql_parameters(sql)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters: {sorted(missing)}")
    bound = {key: params[key] for key in wanted}
    cursor = connection().cursor()
    try:
        # The shared rules (queries/macros.sql) are temporary objects, which belong to one cursor: the ones this
        # query uses are created on its cursor, as the app opens the file read-only and cannot store them there.
        if shared := rules.rules_for(sql, load_sql(RULES_FILE)):
            cursor.execute(shared)
        return cursor.execute(sql, bound).df()
    finally:
        cursor.close()


def query_names() -> list[str]:
    """Return the names of all query files except the DDL."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if p.stem not in DDL_FILES)
