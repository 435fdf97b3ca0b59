"""The shared store: accounts, login throttling, sessions and the audit log behind one small interface.

Two back-ends run the same SQL files (queries/store/*.sql, values bound as `$name`): SQLite by default (a file
beside the app, no set-up) and PostgreSQL when $SINERGI_STORE_URL is `postgresql://…` (several app processes or
hosts share one store). A dialect can override a file in queries/store/<dialect>/ (row locks in PostgreSQL).
Each back-end applies the migrations in queries/store/migrations/ on first use: one file per version for both
dialects, with the few DDL words they spell differently written once as `{word}` (DDL_WORDS).
"""

from __future__ import annotations

import os
import re
import threading
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from sinergi.data.db import PROJECT_ROOT, QUERIES_DIR

STORE_SQL_DIR = QUERIES_DIR / "store"
_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_DDL_WORD_RE = re.compile(r"\{([a-z_]+)\}")

# The DDL the dialects spell differently, by the word a migration writes in braces. Only migration DDL is rewritten
# (values are always bound); a word missing here for a dialect fails the migration before it runs.
DDL_WORDS: dict[str, dict[str, str]] = {
    # autoincrement: an audit event's id is never reused, even after the newest rows are deleted
    "sqlite": {"id_key": "integer primary key autoincrement"},
    "postgres": {"id_key": "bigserial primary key"},
}


class Run(Protocol):
    """Runs named statements inside one connection (and transaction, when given by `Store.transaction`)."""

    def __call__(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def ddl(self, statement: str) -> None:
        """Execute one fixed DDL statement of a migration file."""


@cache
def store_sql(name: str, dialect: str) -> str:
    """Return queries/store/<dialect>/<name>.sql when present, else queries/store/<name>.sql."""
    if not _NAME_RE.match(name):
        raise ValueError(f"invalid store query name: {name!r}")
    for path in (STORE_SQL_DIR / dialect / f"{name}.sql", STORE_SQL_DIR / f"{name}.sql"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise KeyError(f"no store query {name}")


def sql_params(sql: str) -> list[str]:
    """Return the `$name` parameters of a statement (comments stripped), in order of first use."""
    names: list[str] = []
    for name in _PARAM_RE.findall(re.sub(r"--[^\n]*", "", sql)):
        if name not in names:
            names.append(name)
    return names


def migration_files() -> list[Path]:
    """Return the migration files in the order they apply; a file's stem is the version a store records."""
    return sorted((STORE_SQL_DIR / "migrations").glob("*.sql"))


def split_statements(text: str) -> list[str]:
    """Return the statements of a migration file (they hold no `;` inside literals)."""
    without_comments = re.sub(r"--[^\n]*", "", text)
    return [s.strip() for s in without_comments.split(";") if s.strip()]


def migration_statements(path: Path, dialect: str) -> list[str]:
    """Return the DDL statements of a migration file in a dialect's spelling (its `{word}`s from DDL_WORDS)."""
    words = DDL_WORDS[dialect]
    statements = split_statements(path.read_text(encoding="utf-8"))
    return [_DDL_WORD_RE.sub(lambda m: words[m[1]], statement) for statement in statements]


class Store(ABC):
    """One store back-end. `run` executes one named statement on its own; `transaction` groups several."""

    dialect: str
    url: str

    @abstractmethod
    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run queries/store/<name>.sql with params; return its rows as dicts (empty for writes)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Run]:
        """Yield a `run` that executes statements in one transaction holding the store's write lock (SQLite) or
        the row locks its statements take (PostgreSQL); commits at the end, rolls back on an exception."""

    def close(self) -> None:  # noqa: B027 (SQLite holds no connection between calls)
        """Release connections (tests, shutdown)."""

    def migrate(self) -> list[str]:
        """Apply missing migrations; return the versions applied now."""
        applied_now: list[str] = []
        with self.transaction() as run:
            if self.dialect == "postgres":
                run("migrations_lock")
            run("migrations_table")
            done = {row["version"] for row in run("migrations_applied")}
            for path in migration_files():
                if path.stem in done:
                    continue
                for statement in migration_statements(path, self.dialect):
                    run.ddl(statement)
                stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                run("migration_record", version=path.stem, applied_at=stamp)
                applied_now.append(path.stem)
        return applied_now


def default_sqlite_path() -> Path:
    """Return the SQLite store file: $SINERGI_AUDIT_DB (its older name) or data/store.sqlite3."""
    return Path(os.environ.get("SINERGI_AUDIT_DB", PROJECT_ROOT / "data" / "store.sqlite3"))


def store_url() -> str:
    """Return the store in use: $SINERGI_STORE_URL, else the SQLite file (sqlite:///path)."""
    return os.environ.get("SINERGI_STORE_URL") or f"sqlite:///{default_sqlite_path()}"


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def open_store(url: str) -> Store:
    """Return a new, migrated store for url (postgresql://… or sqlite:///path)."""
    if url.startswith(("postgresql://", "postgres://")):
        from sinergi.access.store.postgres import PostgresStore

        opened: Store = PostgresStore(url)
    elif url.startswith("sqlite:///"):
        from sinergi.access.store.sqlite import SQLiteStore

        opened = SQLiteStore(Path(url.removeprefix("sqlite:///")))
    else:
        raise ValueError("SINERGI_STORE_URL must start with postgresql:// or sqlite:///")
    opened.migrate()
    return opened


def store() -> Store:
    """Return the process's store for the current $SINERGI_STORE_URL (opened and migrated once per URL)."""
    url = store_url()
    found = _stores.get(url)
    if found is not None:
        return found
    with _stores_lock:
        if url not in _stores:
            _stores[url] = open_store(url)
        return _stores[url]


def close_stores() -> None:
    """Close every opened store (tests)."""
    with _stores_lock:
        for opened in _stores.values():
            opened.close()
        _stores.clear()
