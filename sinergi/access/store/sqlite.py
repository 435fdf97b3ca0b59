"""The SQLite store: one file, WAL journal, a short-lived connection per call (safe across threads and processes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sinergi.access.store import Run, Store, sql_params, store_sql


class _Runner:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __call__(self, name: str, **params: Any) -> list[dict[str, Any]]:
        sql = store_sql(name, "sqlite")
        bound = {key: params[key] for key in sql_params(sql)}
        return [dict(row) for row in self.con.execute(sql, bound).fetchall()]

    def ddl(self, statement: str) -> None:
        self.con.execute(statement)


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            # WAL lets readers go on while one writer commits; it is a property of the file, set once
            con.execute("pragma journal_mode=wal")
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: statements autocommit unless a transaction is opened explicitly
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("pragma busy_timeout = 30000")
        return con

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        con = self._connect()
        try:
            return _Runner(con)(name, **params)
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        con = self._connect()
        try:
            # immediate: take the write lock now, so that read-then-write (throttling) is atomic across processes
            con.execute("begin immediate")
            try:
                yield _Runner(con)
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        finally:
            con.close()
