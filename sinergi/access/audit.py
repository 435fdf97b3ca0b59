"""The audit log: logins, failed logins, by-name views, exports and imports, in a small writable SQLite file.

The main DuckDB file is read-only for the app, so the log lives apart: $SINERGI_AUDIT_DB or data/audit.sqlite3.
Passwords are never passed here; an unknown username is kept only as a hash (people type passwords into it).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from sinergi.data.db import PROJECT_ROOT

EVENTS = ("login", "login_failed", "login_throttled", "logout", "session_expired", "by_name_view", "export")
EVENTS += ("import", "restore", "access_denied")
_lock = threading.Lock()
_DDL = """
create table if not exists audit_event (
    event_id integer primary key autoincrement,
    at_utc text not null,
    username text not null,
    role text,
    event text not null,
    page text,
    detail text
);
create index if not exists audit_event_user on audit_event (username, event, at_utc);
"""


def audit_path() -> Path:
    """Return the audit store: $SINERGI_AUDIT_DB or data/audit.sqlite3."""
    return Path(os.environ.get("SINERGI_AUDIT_DB", PROJECT_ROOT / "data" / "audit.sqlite3"))


def _connect() -> sqlite3.Connection:
    path = audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10)
    con.executescript(_DDL)
    return con


def unknown_user_key(username: str) -> str:
    """Return how an unknown username is logged: a short hash, in case a password was typed into the field."""
    return "?" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:12]


def record(
    event: str,
    username: str,
    role: str | None = None,
    page: str | None = None,
    detail: dict | None = None,
    when: datetime | None = None,
) -> None:
    """Append one event to the audit log."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True) if detail else None
    with _lock:
        con = _connect()
        try:
            with con:  # commits
                con.execute(
                    "insert into audit_event (at_utc, username, role, event, page, detail) "
                    "values (?, ?, ?, ?, ?, ?)",
                    (stamp, username, role, event, page, text),
                )
        finally:
            con.close()


def recent_failures(
    username: str, now: datetime | None = None, window_min: int = 60
) -> tuple[int, datetime | None]:
    """Return (failed logins since the last success within the window, time of the latest failure)."""
    now = now or datetime.now(UTC)
    since = (now - timedelta(minutes=window_min)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with _lock:
        con = _connect()
        try:
            rows = con.execute(
                "select event, at_utc from audit_event where username = ? and at_utc >= ? "
                "and event in ('login', 'login_failed') order by event_id desc",
                (username, since),
            ).fetchall()
        finally:
            con.close()
    failures, latest = 0, None
    for event, at in rows:
        if event == "login":
            break
        failures += 1
        latest = latest or datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return failures, latest


def backoff_seconds(failures: int) -> int:
    """Return how long to wait after failures in a row: none for the first 3, then 2, 4, 8 ... up to 300 s."""
    return 0 if failures < 3 else min(2 ** (failures - 2), 300)


def events(
    start: datetime | None = None,
    end: datetime | None = None,
    username: str | None = None,
    event: str | None = None,
    limit: int = 5000,
) -> pd.DataFrame:
    """Return audit events, newest first, filtered by UTC time range, username and event."""
    clauses, args = ["1 = 1"], []
    if start:
        clauses.append("at_utc >= ?")
        args.append(start.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if end:
        clauses.append("at_utc < ?")
        args.append(end.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if username:
        clauses.append("username = ?")
        args.append(username)
    if event:
        clauses.append("event = ?")
        args.append(event)
    # the where clause is built from fixed fragments; every value is a bound parameter
    sql = (
        "select event_id, at_utc, username, role, event, page, detail from audit_event where "  # noqa: S608
        + " and ".join(clauses)
        + " order by event_id desc limit ?"
    )
    with _lock:
        con = _connect()
        try:
            return pd.read_sql_query(sql, con, params=[*args, limit])
        finally:
            con.close()
