"""Which version of the summary statements built a file's summary tables, so a new Sinergi can bring them up to date.

The summary tables are derived entirely from the base tables (sinergi.data.summary). A new version of Sinergi may add
a summary table or change a statement; a file holding real imported data (or the national demo, built once on
purpose) keeps the old summaries until something rebuilds them. `summary_fingerprint` digests what decides their
rows: the statements (queries/summary/), the table list and order, the shared rules they read (queries/macros.sql)
and the scope preparation. It is stored in dataset_info only when every summary table is current:

- by a whole build (the demo builds, the start-up refresh in sinergi.data.importers.refresh,
  benchmarks/build_summaries.py);
- by an import (`rebuild_after_import`): its scoped rebuild is right only for a file whose summaries were current
  before it, so a file with an old or missing fingerprint (or a missing table) is rebuilt whole, then stamped.
"""

from __future__ import annotations

import functools
import hashlib

import duckdb

from sinergi.data import db, rules, summary

FINGERPRINT_KEY = "summary_fingerprint"
VERSION_DIR = db.QUERIES_DIR / "summary_version"


@functools.cache
def summary_fingerprint() -> str:
    """Return the fingerprint of what a summary build computes (statements, table order, rules it reads)."""
    hasher = hashlib.sha256()
    texts = [("tables", "\n".join(summary.SUMMARY_TABLES))]
    texts += [(table, summary.summary_sql(table)) for table in summary.SUMMARY_TABLES]
    prepare = (summary.SCOPE_DIR / "_prepare.sql").read_text(encoding="utf-8")
    texts.append(("_prepare", prepare))
    # only the shared rules the statements read: an unrelated macro change does not rebuild real data
    every = "\n".join(text for _, text in texts)
    texts.append(("rules", rules.rules_for(every, db.load_sql(db.RULES_FILE)) or ""))
    for name, text in texts:
        hasher.update(name.encode() + b"\0" + hashlib.sha256(text.encode()).digest())
    return hasher.hexdigest()[:16]


def stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """Return the summary fingerprint stored in the file (None: none, or no dataset_info at all)."""
    try:
        rows = con.execute(db.load_sql("dataset_info")).fetchall()
    except duckdb.CatalogException:
        return None
    return next((str(value) for key, value in rows if key == FINGERPRINT_KEY), None)


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the summary tables the file lacks (a table added by a newer version of Sinergi)."""
    return [table for table in summary.SUMMARY_TABLES if not summary.table_exists(con, table)]


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Return True when the file's summary tables were built by this version's statements and all exist."""
    return stored_fingerprint(con) == summary_fingerprint() and not missing_tables(con)


def store_fingerprint(con: duckdb.DuckDBPyConnection) -> None:
    """Record that every summary table is current (call only after a whole build, in the same transaction)."""
    sql = (VERSION_DIR / "store.sql").read_text(encoding="utf-8")
    con.execute(sql, {"fingerprint": summary_fingerprint()})


def drop_all(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every summary table (before a whole rebuild)."""
    # dropped, not emptied: a changed statement may make other columns than the old table has
    con.execute((VERSION_DIR / "drop.sql").read_text(encoding="utf-8"))


def build_all(con: duckdb.DuckDBPyConnection) -> None:
    """Drop and build every summary table whole, then stamp the file (inside the caller's transaction, if any)."""
    drop_all(con)
    summary.build_summaries(con)
    store_fingerprint(con)


def rebuild_after_import(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Post-write hook of the importer: rebuild the rows the import reached when the summaries were current before
    it; otherwise (stale from an older version) rebuild them all, so the import leaves them current."""
    if is_current(con):
        summary.rebuild_after_import(con, kind)
    else:
        build_all(con)
