"""The audit log: logins, failed logins, by-name views, exports, imports and incidents, in the shared store.

The main DuckDB file is read-only for the app, so the log lives in the store (sinergi.access.store: SQLite by
default, PostgreSQL when several app processes share one). Passwords are never passed here; an unknown username is
kept only as a hash (people type passwords into it).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from sinergi.access.store import store

EVENTS: tuple[str, ...] = (
    "login",
    "login_failed",
    "login_throttled",
    "login_refused",
    "logout",
    "session_expired",
)
EVENTS += ("session_resumed", "by_name_view", "export", "import", "restore", "access_denied", "incident")
EVENTS += (
    "summary_refresh",
)  # the app rebuilt a file's summary tables for a new version (importers.refresh)
COLUMNS = ["event_id", "at_utc", "username", "role", "event", "page", "detail"]


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def unknown_user_key(username: str) -> str:
    """Return how an unknown username is logged: a short hash, in case a password was typed into the field."""
    return "?" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:12]


def record(
    event: str,
    username: str,
    role: str | None = None,
    page: str | None = None,
    detail: dict[str, Any] | None = None,
    when: datetime | None = None,
) -> None:
    """Append one event to the audit log."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    text = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True) if detail else None
    store().run(
        "audit_insert",
        at_utc=_stamp(when or datetime.now(UTC)),
        username=username,
        role=role,
        event=event,
        page=page,
        detail=text,
    )


def backoff_seconds(failures: int, free: int = 3) -> int:
    """Return how long to wait after failures in a row: none for the first `free`, then 2, 4, 8 ... up to 300 s."""
    return 0 if failures < free else min(2 ** (failures - free + 1), 300)


def events(
    start: datetime | None = None,
    end: datetime | None = None,
    username: str | None = None,
    event: str | None = None,
    limit: int = 5000,
) -> pd.DataFrame:
    """Return audit events, newest first, filtered by UTC time range, username and event."""
    rows = store().run(
        "audit_events",
        start=_stamp(start) if start else None,
        end_before=_stamp(end) if end else None,
        username=username,
        event=event,
        row_limit=int(limit),
    )
    return pd.DataFrame(rows, columns=COLUMNS)
