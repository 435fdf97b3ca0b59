"""Safe writing: the whole import goes into a copy of the database in one transaction, then the copy is swapped in.

The app keeps a read-only DuckDB connection open, and DuckDB lets a process write a file only while no other process
has it open. So an import never writes the live file: it copies it to a temporary file in the same folder, applies
everything there inside one transaction (with its import_log row), checkpoints, keeps the previous file in
data/backups/ and finally os.replace()s the copy over the original. The rename is atomic: a reader (or a killed
import) sees either the old file or the new one, never a half-written one; sinergi.data.db reopens a replaced file.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from sinergi.data import db

IMPORTER_SQL_DIR = db.QUERIES_DIR / "importer"
BACKUPS_KEPT = 5
PAUSE_ENV = "SINERGI_IMPORT_PAUSE_S"  # test hook: sleep inside the open transaction (kill-mid-write test)
Apply = Callable[[duckdb.DuckDBPyConnection], int]


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
    return apply_rows(con, f"replace_{table}", frame[con.table(table).columns])


def apply_rows(con: duckdb.DuckDBPyConnection, sql_name: str, frame: pd.DataFrame) -> int:
    """Run queries/importer/<sql_name>.sql with frame registered as `incoming`; return the rows in frame."""
    if frame.empty:
        return 0
    # an Arrow table registers without copying string columns through Python objects
    con.register("incoming_arrow", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        run_importer_sql(con, "stage_incoming")
        run_importer_sql(con, sql_name)
        run_importer_sql(con, "drop_incoming")
    finally:
        con.unregister("incoming_arrow")
    return len(frame)


def file_sha256(data: bytes) -> str:
    """Return the SHA-256 of file bytes as hex."""
    return hashlib.sha256(data).hexdigest()


def backups_dir(path: Path | None = None) -> Path:
    """Return the folder that keeps previous database versions (data/backups/ next to the database)."""
    return Path(path or db.database_path()).parent / "backups"


@contextmanager
def _import_lock(path: Path) -> Iterator[None]:
    # one writer at a time: a second import waits instead of copying a file that is about to be replaced
    with open(path.with_name(f"{path.name}.import.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def already_imported(kind: str, sha256: str, path: Path | None = None) -> bool:
    """Return True when a file with this hash was already imported as this kind."""
    path = Path(path or db.database_path())
    con = duckdb.connect(str(path), read_only=True)
    try:
        stmt = importer_sql("import_log_has_file")[0]
        return bool(con.execute(stmt, {"kind": kind, "file_sha256": sha256}).fetchall())
    except duckdb.CatalogException:
        return False  # a database built before import_log existed: nothing was imported into it
    finally:
        con.close()


def import_log_ddl() -> str:
    """Return the `create table import_log` statement of queries/schema.sql, made idempotent."""
    schema = db.load_sql("schema")
    start = schema.index("create table import_log (")
    return schema[start : schema.index("\n);", start) + 3].replace(
        "create table", "create table if not exists", 1
    )


def write_import(
    kind: str,
    file_name: str,
    sha256: str,
    apply: Apply,
    rows_read: int,
    rows_rejected: int = 0,
    warnings: int = 0,
    user: str | None = None,
    path: Path | None = None,
) -> WriteResult:
    """Apply an import to a copy of the database in one transaction, log it, keep a backup and swap the copy in."""
    path = Path(path or db.database_path())
    with _import_lock(path):
        _remove_stale_copies(path)
        if already_imported(kind, sha256, path):
            return WriteResult("unchanged", None, 0, None)
        stamp = datetime.now(UTC).replace(tzinfo=None)
        import_id = f"IMP-{stamp:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        backup = backups_dir(path) / f"{path.stem}.{stamp:%Y%m%dT%H%M%S%f}.{kind}.duckdb"
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.time_ns()}.import.tmp")
        try:
            shutil.copyfile(path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                con.execute("begin transaction")
                con.execute(
                    import_log_ddl()
                )  # older databases lack the table; the DDL text is schema.sql's own
                written = apply(con)
                run_importer_sql(
                    con,
                    "import_log_insert",
                    import_id=import_id,
                    kind=kind,
                    file_name=file_name,
                    file_sha256=sha256,
                    imported_by=user or _os_user(),
                    imported_at=stamp,
                    rows_read_count=rows_read,
                    rows_written_count=written,
                    rows_rejected_count=rows_rejected,
                    warnings_count=warnings,
                    backup_file=backup.name,
                )
                if pause := float(os.environ.get(PAUSE_ENV, "0") or 0):
                    time.sleep(pause)
                con.execute("commit")
                con.execute("checkpoint")
            finally:
                con.close()
            _keep_backup(path, backup)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return WriteResult("written", import_id, written, backup)


def _remove_stale_copies(path: Path) -> None:
    # under the lock no other import runs, so any copy left here belongs to an import that was killed
    for stale in path.parent.glob(f"{path.name}.*.tmp"):
        if stale.name.endswith((".import.tmp", ".restore.tmp")):
            stale.unlink(missing_ok=True)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _keep_backup(path: Path, backup: Path) -> None:
    backup.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, backup)  # the live file is never modified after this, so a hard link is a faithful copy
    except OSError:
        shutil.copyfile(path, backup)
    for old in list_backups(path)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)


def list_backups(path: Path | None = None) -> list[Path]:
    """Return the kept previous versions of the database, newest first."""
    path = Path(path or db.database_path())
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}.*.duckdb"), key=lambda p: p.name, reverse=True)


def restore_previous(path: Path | None = None) -> Path | None:
    """Swap the newest backup in as the database (the current file becomes a backup itself); return it or None."""
    path = Path(path or db.database_path())
    with _import_lock(path):
        backups = list_backups(path)
        if not backups:
            return None
        chosen = backups[0]
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.time_ns()}.restore.tmp")
        try:
            shutil.copyfile(chosen, tmp)
            stamp = datetime.now(UTC)
            keep = backups_dir(path) / f"{path.stem}.{stamp:%Y%m%dT%H%M%S%f}.sebelum_pemulihan.duckdb"
            keep.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, keep) if _same_fs(path, keep) else shutil.copyfile(path, keep)
            os.replace(tmp, path)
            chosen.unlink()  # restored: it is the live file now, and the replaced file is kept in its place
        finally:
            tmp.unlink(missing_ok=True)
    return chosen


def _same_fs(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.parent.stat().st_dev


def read_current(name: str, path: Path | None = None, **params: object) -> pd.DataFrame:
    """Return the result of a read query in queries/importer/ on the current database (own read-only connection)."""
    path = Path(path or db.database_path())
    con = duckdb.connect(str(path), read_only=True)
    try:
        statement = importer_sql(name)[0]
        return con.execute(statement, {k: params[k] for k in db.sql_parameters(statement)}).df()
    finally:
        con.close()
