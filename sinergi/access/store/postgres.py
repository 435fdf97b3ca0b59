"""The PostgreSQL store (psycopg 3): a small pool of connections per process, row locks for throttling."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from sinergi.access.store import Run, Store, sql_params, store_sql

POOL_SIZE = 4


@cache
def _pg_sql(name: str) -> tuple[str, tuple[str, ...]]:
    # the files bind `$name`; psycopg binds `%(name)s` (a literal % would need doubling: the files have none)
    sql = store_sql(name, "postgres")
    return re.sub(r"\$([a-z_][a-z0-9_]*)", r"%(\1)s", sql), tuple(sql_params(sql))


class _Runner:
    def __init__(self, con: Any) -> None:
        self.con = con

    def __call__(self, name: str, **params: Any) -> list[dict[str, Any]]:
        sql, names = _pg_sql(name)
        with self.con.cursor() as cur:
            cur.execute(sql, {key: params[key] for key in names})
            return list(cur.fetchall()) if cur.description else []

    def ddl(self, statement: str) -> None:
        with self.con.cursor() as cur:
            cur.execute(statement)


class PostgresStore(Store):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg  # only a PostgreSQL deployment needs it: pip install -e ".[postgres]"

        self._psycopg = psycopg
        self.url = url
        self._idle: list[Any] = []
        self._lock = threading.Lock()

    def _take(self) -> Any:
        from psycopg.rows import dict_row

        with self._lock:
            while self._idle:
                con = self._idle.pop()
                if not con.closed and con.info.transaction_status == self._psycopg.pq.TransactionStatus.IDLE:
                    return con
                con.close()
        return self._psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10)

    def _give(self, con: Any, broken: bool) -> None:
        with self._lock:
            if broken or con.closed or len(self._idle) >= POOL_SIZE:
                con.close()
            else:
                self._idle.append(con)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        con = self._take()
        broken = False
        try:
            yield con
        except self._psycopg.OperationalError:
            broken = True
            raise
        finally:
            self._give(con, broken)

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        with self._connection() as con:
            return _Runner(con)(name, **params)

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        with self._connection() as con, con.transaction():
            yield _Runner(con)

    def close(self) -> None:
        with self._lock:
            for con in self._idle:
                con.close()
            self._idle.clear()
