"""Cached access to named queries for pages: results are cached per database file version."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sinergi import db


def database_version() -> tuple[int, int]:
    """Return (inode, mtime) of the database file: a swapped file changes it, and so the cache keys."""
    stat = db.database_path().stat()
    return stat.st_ino, stat.st_mtime_ns


@st.cache_data(ttl=3600, show_spinner=False, max_entries=512)
def _cached(name: str, version: tuple[int, int], params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return db.run_query(name, **dict(params))


def load(name: str, **params: Any) -> pd.DataFrame:
    """Return the result of queries/<name>.sql for params (a copy: callers may modify it)."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, database_version(), key).copy()
