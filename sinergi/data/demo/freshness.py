"""Is the database file on disk still what this code would build? A demo file built by an older schema or generator
makes pages fail with DuckDB Binder errors (a column or table the queries name is missing), so each build stores
fingerprints in dataset_info and the app and the tests compare them at start:

- `demo_fingerprint`: queries/schema.sql, the generator's code (sinergi/data/demo/*.py), the summary tables'
  statements (queries/summary/, sinergi/data/summary.py) and the vocabulary that fills the lookup tables. A synthetic kabupaten demo whose fingerprint differs (or has none: built before this check) is
  rebuilt.
- `schema_fingerprint`: queries/schema.sql alone. A database holding real imported data is never rebuilt: when its
  schema fingerprint differs the app warns the administrator instead. So does a national-shape demo
  (`--shape national`), which takes long to build and is built on purpose by the command.
- `summary_fingerprint` (sinergi.data.summary_version): the summary statements. When only the summary tables of such
  a file are out of date ('summaries': fingerprint old or missing, or a table missing), the app rebuilds them itself
  at start (sinergi.data.importers.refresh): they are derived from the base tables, so nothing is lost.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Literal

import duckdb

from sinergi.common import vocabulary
from sinergi.data import db, summary, summary_version

FINGERPRINT_KEY = "demo_fingerprint"
SCHEMA_KEY = "schema_fingerprint"
State = Literal["fresh", "rebuild", "warn", "summaries"]
_DEMO_DIR = Path(__file__).resolve().parent


def _digest(parts: list[tuple[str, bytes]]) -> str:
    hasher = hashlib.sha256()
    for name, content in parts:
        hasher.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return hasher.hexdigest()[:16]


@functools.cache
def schema_fingerprint() -> str:
    """Return the fingerprint of queries/schema.sql."""
    return _digest([("schema.sql", db.load_sql("schema").encode())])


@functools.cache
def demo_fingerprint() -> str:
    """Return the fingerprint of what a demo build depends on: the schema, the generator and the vocabulary."""
    # the summary tables are part of the build: a changed summary statement makes the demo stale too
    sources = sorted(_DEMO_DIR.glob("*.py")) + [Path(vocabulary.__file__), Path(summary.__file__)]
    sources += sorted(summary.SUMMARY_DIR.glob("*.sql"))
    parts = [("schema.sql", db.load_sql("schema").encode())]
    parts += [(f"{path.parent.name}/{path.name}", path.read_bytes()) for path in sources]
    return _digest(parts)


def fingerprint_rows() -> dict[str, str]:
    """Return the dataset_info rows a build stores: {info_key: info_value}."""
    return {
        FINGERPRINT_KEY: demo_fingerprint(),
        SCHEMA_KEY: schema_fingerprint(),
        summary_version.FINGERPRINT_KEY: summary_version.summary_fingerprint(),
    }


def _info(path: Path) -> dict[str, str] | None:
    try:
        with db.reading(path) as cursor:  # the app's shared read-only connection: no second configuration
            rows = cursor.execute(db.load_sql("dataset_info")).fetchall()
    except duckdb.Error:
        return None  # no dataset_info at all: not a file this code knows how to judge
    return {str(key): str(value) for key, value in rows}


def check(path: Path) -> State:
    """Return what to do with the database file at path: 'fresh' (use it), 'rebuild' (a synthetic kabupaten demo
    from older code: build it again), 'warn' (real data, a national demo or an unknown file whose schema may be
    out of date: leave it and tell the administrator) or 'summaries' (such a file whose schema is current but whose
    summary tables are not: rebuild them on a copy). Asked on every page run: one answer per version of the file."""
    stat = path.stat()
    return _check(str(path), stat.st_ino, stat.st_mtime_ns, demo_fingerprint())


@functools.lru_cache(maxsize=16)
def _check(path: str, inode: int, mtime_ns: int, fingerprint: str) -> State:
    info = _info(Path(path))
    if info is None:
        return "warn"
    if info.get("is_synthetic") == "true" and info.get("shape", "kabupaten") == "kabupaten":
        return "fresh" if info.get(FINGERPRINT_KEY) == fingerprint else "rebuild"
    if info.get(SCHEMA_KEY) != schema_fingerprint():
        return "warn"
    if info.get(summary_version.FINGERPRINT_KEY) != summary_version.summary_fingerprint():
        return "summaries"
    with db.reading(Path(path)) as cursor:
        return "summaries" if summary_version.missing_tables(cursor) else "fresh"
