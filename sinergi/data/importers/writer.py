"""Safe writing: the whole import goes into a copy of the database in one transaction, then the copy is swapped in.

The app keeps a read-only DuckDB connection open, and DuckDB lets a process write a file only while no other process
has it open. So an import never writes the live file: it copies it to a private working copy (see versions.py),
applies everything there inside one transaction (with its import_log row, the dataset_info facts and any post-write
hooks), checkpoints, keeps the previous file in data/backups/ and finally renames the copy over the original. The
rename is atomic: a reader (or a killed import) sees either the old file or the new one, never a half-written one;
sinergi.data.db reopens a replaced file once the queries on the old one are done.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from sinergi.data import db, summary, summary_version
from sinergi.data.importers import versions
from sinergi.data.importers.versions import backups_dir, list_backups, restore_previous

IMPORTER_SQL_DIR = db.QUERIES_DIR / "importer"
PAUSE_ENV = "SINERGI_IMPORT_PAUSE_S"  # test hook: sleep inside the open transaction (kill-mid-write test)
Apply = Callable[[duckdb.DuckDBPyConnection], int]
# Called inside the import's transaction after the rows are written, with the connection and the import kind:
# the summary rows the written rows can change are rebuilt here (the scope apply_rows noted), so they can never
# disagree with them.
PostWriteHook = Callable[[duckdb.DuckDBPyConnection, str], None]
# (or, on a file whose summaries an older version built, every row: sinergi.data.summary_version)
POST_WRITE_HOOKS: list[PostWriteHook] = [summary_version.rebuild_after_import]


@dataclass(frozen=True)
class WriteResult:
    status: str  # written, unchanged (same file imported before)
    import_id: str | None
    rows_written: int
    backup: Path | None


def importer_sql(name: str) -> list[str]:
    """Return the statements of queries/importer/<name>.sql (files hold fixed SQL; values are bound)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"invalid importer query name: {name!r}")
    text = (IMPORTER_SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return [s for s in text.split(";\n") if s.strip() and not _only_comments(s)]


def _only_comments(statement: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in statement.splitlines())


def run_importer_sql(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> None:
    """Run every statement of queries/importer/<name>.sql with the parameters each one names."""
    for statement in importer_sql(name):
        wanted = db.sql_parameters(statement)
        con.execute(statement, {k: params[k] for k in wanted})


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Replace rows of table that share the key of frame's rows, then insert frame; return the rows written."""
    if frame.empty:
        return 0
    # relational API: the table is named as an identifier, no SQL text is built
    return apply_rows(con, f"replace_{table}", frame[con.table(table).columns], table=table)


def apply_rows(con: duckdb.DuckDBPyConnection, sql_name: str, frame: pd.DataFrame, *, table: str) -> int:
    """Run queries/importer/<sql_name>.sql, which writes table, with frame registered as `incoming`; return the
    rows in frame. Every write goes through here: the summary rows it can reach are noted before and after it
    (the rows replaced, the rows written), and the post-write hook rebuilds just those (sinergi.data.summary)."""
    summary.begin_scope(con)  # a write of no rows changes no summary row
    if frame.empty:
        return 0
    # an Arrow table registers without copying string columns through Python objects
    con.register("incoming_arrow", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        run_importer_sql(con, "stage_incoming")
        summary.record_write(con, table)
        run_importer_sql(con, sql_name)
        summary.record_write(con, table)
        run_importer_sql(con, "drop_incoming")
    finally:
        con.unregister("incoming_arrow")
    return len(frame)


def file_sha256(data: bytes) -> str:
    """Return the SHA-256 of file bytes as hex."""
    return hashlib.sha256(data).hexdigest()


def already_imported(kind: str, sha256: str, path: Path | None = None) -> bool:
    """Return True when a file with this hash was already imported as this kind."""
    try:
        with db.reading(path) as con:
            stmt = importer_sql("import_log_has_file")[0]
            return bool(con.execute(stmt, {"kind": kind, "file_sha256": sha256}).fetchall())
    except duckdb.CatalogException:
        return False  # a database built before import_log existed: nothing was imported into it


def table_ddl(table: str) -> str:
    """Return the `create table` statement of a table in queries/schema.sql, made idempotent."""
    schema = db.load_sql("schema")
    start = schema.index(f"create table {table} (")
    return schema[start : schema.index("\n);", start) + 3].replace(
        "create table", "create table if not exists", 1
    )


def ensure_table(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Create a table of the schema that a database built by an earlier version lacks (its DDL is schema.sql's)."""
    con.execute(table_ddl(table))


def write_import(
    kind: str,
    file_name: str,
    sha256: str,
    apply: Apply,
    rows_read: int,
    *,
    user: str,
    rows_rejected: int = 0,
    warnings: int = 0,
    path: Path | None = None,
) -> WriteResult:
    """Apply an import to a copy of the database in one transaction, log it, keep a backup and swap the copy in."""
    if not user.strip():
        raise ValueError("an import needs the name of the user who runs it")
    path = Path(path or db.database_path())
    with versions.import_lock(path):
        versions.remove_stale_copies(path)
        if already_imported(kind, sha256, path):
            return WriteResult("unchanged", None, 0, None)
        stamp = datetime.now(UTC).replace(tzinfo=None)
        import_id = f"IMP-{stamp:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        backup = backups_dir(path) / f"{path.stem}.{stamp:%Y%m%dT%H%M%S%f}.{kind}.duckdb"
        tmp = versions.new_working_copy(path, path, "import")
        try:
            con = duckdb.connect(str(tmp))
            try:
                con.execute("set enable_progress_bar = false")  # no bars in the command line's output
                con.execute("begin transaction")
                ensure_table(con, "import_log")  # databases built before the table existed
                run_importer_sql(con, "import_context", import_id=import_id)
                run_importer_sql(con, "dataset_info_before_real")
                written = apply(con)
                for hook in POST_WRITE_HOOKS:
                    hook(con, kind)
                run_importer_sql(
                    con,
                    "import_log_insert",
                    import_id=import_id,
                    kind=kind,
                    file_name=file_name,
                    file_sha256=sha256,
                    imported_by=user,
                    imported_at=stamp,
                    rows_read_count=rows_read,
                    rows_written_count=written,
                    rows_rejected_count=rows_rejected,
                    warnings_count=warnings,
                    backup_file=backup.name,
                )
                run_importer_sql(con, "dataset_info_real", imported_at=stamp.isoformat(timespec="seconds"))
                if pause := float(os.environ.get(PAUSE_ENV, "0") or 0):
                    time.sleep(pause)
                con.execute("commit")
                con.execute("checkpoint")
            finally:
                con.close()
            versions.keep_backup(path, backup)
            versions.swap_in(tmp, path)
            db.close_connection(path)
        finally:
            versions.discard(tmp)
    return WriteResult("written", import_id, written, backup)


def read_current(name: str, path: Path | None = None, **params: object) -> pd.DataFrame:
    """Return the result of a read query in queries/importer/ on the current database (own read-only connection)."""
    with db.reading(path) as con:
        statement = importer_sql(name)[0]
        return con.execute(statement, {k: params[k] for k in db.sql_parameters(statement)}).df()


__all__ = ["POST_WRITE_HOOKS", "list_backups", "restore_previous"]
