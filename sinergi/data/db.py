"""The one door to the database: named SQL files, bound parameters, a read-only connection, a cursor per query."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
# Run from a checkout beside a non-editable install, the checkout's own `sinergi/` is imported (the script's folder
# comes first on sys.path) and has no `queries` subpackage: the checkout's top-level queries/ is the same data.
_CHECKOUT_QUERIES = Path(__file__).resolve().parents[2] / "queries"


def _queries_dir() -> Path:
    try:
        return Path(str(resources.files("sinergi.queries")))
    except ModuleNotFoundError:
        return _CHECKOUT_QUERIES


QUERIES_DIR = _queries_dir()
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


# Threads of the app's reading connection ($SINERGI_DUCKDB_THREADS; unset: DuckDB's default, one per core). A page's
# small queries cost 20-30 % more CPU split over two cores (Koordinasi's warm run at 1 M: 185 -> 145 ms CPU on one
# thread), so a server with many sessions may set 1; but the national scorecard's scan is the one page that needs
# both cores: on one thread Rapor (nation) read 348/391 ms warm p50/p95 at 20 M against 186/201 on two.
THREADS_ENV = "SINERGI_DUCKDB_THREADS"


def reading_threads() -> int | None:
    """Return how many threads a reading connection may use ($SINERGI_DUCKDB_THREADS), None for DuckDB's default."""
    value = os.environ.get(THREADS_ENV, "").strip()
    return max(1, int(value)) if value else None


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    """Open a read-only connection to a database file (the one place a reading connection is made)."""
    con = duckdb.connect(str(path), read_only=True)
    # set after opening, not as connect() configuration: DuckDB refuses a second connection to the same file with
    # another configuration in one process (a test's or a script's plain read-only connection)
    threads = reading_threads()
    if threads is not None:
        con.execute("set threads = $threads", {"threads": threads})
    con.execute("set enable_progress_bar = false")  # no bars in a server's or the import command's terminal
    return con


@dataclass(eq=False)
class _Version:
    """The connection to one version (inode) of a database file and the cursors reading it right now."""

    con: duckdb.DuckDBPyConnection
    key: tuple[int, int]
    leases: int = 0
    retired: bool = False
    closed: bool = False

    def close(self) -> None:
        if not self.closed:
            self.con.close()
            self.closed = True


class _ConnectionCache:
    """One read-only connection per database file; a swapped file (new inode) gets a new connection.

    An import replaces the file while other sessions run queries. The old connection is retired, never closed under
    a running cursor: new queries wait until the old version's last cursor is done (queries take milliseconds), then
    the old connection closes and the new file opens. Waiting, not opening both at once, because DuckDB keeps one
    instance per path in a process: a second connect() while the old one is open would return the old file.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._versions: dict[str, _Version] = {}
        self._held = (
            threading.local()
        )  # versions this thread reads now (a nested query must not wait on itself)

    def _held_by_me(self) -> dict[int, int]:
        if not hasattr(self._held, "counts"):
            self._held.counts = {}
        counts: dict[int, int] = self._held.counts
        return counts

    @contextmanager
    def lease(self, path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
        version = self._acquire(path)
        try:
            yield version.con
        finally:
            self._release(version)

    def _acquire(self, path: Path) -> _Version:
        name, mine = str(path), self._held_by_me()
        with self._cond:
            while True:
                stat = path.stat()
                key = (stat.st_ino, stat.st_mtime_ns)
                version = self._versions.get(name)
                if version is not None and not version.closed and (version.key == key or id(version) in mine):
                    break
                if version is not None and not version.closed:
                    version.retired = True
                    if version.leases:
                        self._cond.wait(timeout=1.0)
                        continue
                    version.close()
                version = self._versions[name] = _Version(_open(path), key)
                break
            version.leases += 1
        mine[id(version)] = mine.get(id(version), 0) + 1
        return version

    def _release(self, version: _Version) -> None:
        mine = self._held_by_me()
        mine[id(version)] -= 1
        if not mine[id(version)]:
            del mine[id(version)]
        with self._cond:
            version.leases -= 1
            if version.retired and not version.leases:
                version.close()
                self._cond.notify_all()

    def close(self, path: Path | None = None) -> None:
        with self._cond:
            for name, version in self._versions.items():
                if path is not None and name != str(path):
                    continue
                version.retired = True
                if not version.leases:
                    version.close()
            self._versions = {k: v for k, v in self._versions.items() if not v.closed}


_connections = _ConnectionCache()


@contextmanager
def reading(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a cursor on the shared read-only connection to a database file (default: the current database)."""
    path = Path(path or database_path())
    if not path.exists():
        raise FileNotFoundError(f"database not found: {path}")
    with _connections.lease(path) as con:
        cursor = con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


def close_connection(path: Path | None = None) -> None:
    """Close the shared connection to path (default: all) once its running queries finish.

    A writer calls it after swapping a file in, so that this process lets go of the old file at once (other
    processes notice the new file at their next query).
    """
    _connections.close(Path(path) if path is not None else None)


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
    with reading() as cursor:
        # The shared rules (queries/macros.sql) are temporary objects, which belong to one cursor: the ones this
        # query uses are created on its cursor, as the app opens the file read-only and cannot store them there.
        if shared := rules.rules_for(sql, load_sql(RULES_FILE)):
            cursor.execute(shared)
        return cursor.execute(sql, bound).df()


def query_names() -> list[str]:
    """Return the names of all query files except the DDL."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if p.stem not in DDL_FILES)
