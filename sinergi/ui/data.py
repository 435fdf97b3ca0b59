"""Cached access to named queries for pages: results are cached per database file version.

Every result passes the access rules of the signed-in viewer (sinergi.access.policy) on its way out of the cache: region
scope, masked identities, household rows for by-name roles only, people counts as protected `Count` cells. The cache
holds raw results; nothing unprotected leaves `load`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from sinergi.access import audit
from sinergi.access.login import LOGGED_KEY, PAGE_KEY, session_viewer
from sinergi.access.policy import check_request, fetch_as, protect_result, query_policy
from sinergi.data import db


def database_version() -> tuple[int, int]:
    """Return (inode, mtime) of the database file: a swapped file changes it, and so the cache keys."""
    stat = db.database_path().stat()
    return stat.st_ino, stat.st_mtime_ns


@st.cache_data(ttl=3600, show_spinner=False, max_entries=512)
def _cached(name: str, version: tuple[int, int], params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return db.run_query(name, **dict(params))


def load(
    name: str, aggregate: Callable[[pd.DataFrame], pd.DataFrame] | None = None, **params: Any
) -> pd.DataFrame:
    """Return the result of queries/<name>.sql for params as the signed-in viewer may see it (a copy).

    People counts come back as `sinergi.common.suppressed.Count` cells: true for arithmetic, protected for display.
    `aggregate` (a pure function, e.g. per desa or per hexagon) runs on the raw rows before the rules: roles without
    by-name access may read a household-level query (`-- privacy: household-rows`) only through one.
    Raises sinergi.access.policy.AccessDenied when no one is signed in, or a region parameter lies outside the scope.
    """
    viewer = session_viewer()
    check_request(viewer, name, params, aggregated=aggregate is not None)
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame, by_name = protect_result(
        _cached(name, database_version(), key), viewer, query_policy(name), aggregate
    )
    if by_name:
        _log_by_name_view(viewer, name, params, len(frame))
    return frame


def load_on_click(name: str, **params: Any) -> Callable[[], pd.DataFrame]:
    """Return a callable that reads queries/<name>.sql for params later (a download's click, outside the page run),
    under the rules of the viewer signed in now: checked now, read uncached then (sinergi.access.policy.fetch_as).
    Raises AccessDenied now, as load does."""
    viewer = session_viewer()
    check_request(viewer, name, params)
    fetch = fetch_as(viewer)
    return lambda: fetch(name, **params)


def viewer_sees_households() -> bool:
    """Return True when the signed-in viewer may read household-level rows (admin, perencana)."""
    viewer = session_viewer()
    return bool(viewer and viewer.by_name)


def _log_by_name_view(viewer: Any, name: str, params: dict[str, Any], rows: int) -> None:
    # once per session and query+parameters: pages rerun on every click
    logged = st.session_state.setdefault(LOGGED_KEY, set())
    marker = (name, repr(sorted(params.items(), key=lambda kv: kv[0])))
    if marker in logged:
        return
    logged.add(marker)
    audit.record(
        "by_name_view",
        viewer.username,
        viewer.role,
        st.session_state.get(PAGE_KEY),
        {"query": name, "params": params, "rows": rows},
    )
