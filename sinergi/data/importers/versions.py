"""Database file versions: the private working copy of an import, the one-writer lock, backups and restore.

A working copy holds every name and NIK of the database, so it never sits in data/: it is made in an owner-only
folder beside it (`.sinergi-import/` next to data/, or $SINERGI_IMPORT_WORK), deleted when the import ends or fails,
and a copy left by a killed import is deleted by the next import or restore of the same database.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sinergi.data import db

BACKUPS_KEPT = 5
WORK_ENV = "SINERGI_IMPORT_WORK"


def backups_dir(path: Path | None = None) -> Path:
    """Return the folder that keeps previous database versions (data/backups/ next to the database)."""
    return Path(path or db.database_path()).parent / "backups"


def work_dir(path: Path) -> Path:
    """Return the owner-only folder for working copies of the database at path (created if missing)."""
    # default: beside data/, so on the same filesystem and the finished copy renames over the database atomically
    folder = Path(os.environ.get(WORK_ENV) or path.resolve().parent.parent / ".sinergi-import")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def _tag(path: Path) -> str:
    # several databases may share one work folder (tests, $SINERGI_IMPORT_WORK): copies are named per database
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]


def new_working_copy(path: Path, source: Path, purpose: str) -> Path:
    """Return a fresh owner-only (0600) copy of source in the work folder of the database at path."""
    tmp = work_dir(path) / f"{_tag(path)}.{os.getpid()}.{time.time_ns()}.{purpose}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 16 * 1024 * 1024)
    except BaseException:  # stopped mid-copy (SIGTERM, a full disk): no half copy of personal data is left
        discard(tmp)
        raise
    return tmp


def discard(tmp: Path) -> None:
    """Delete a working copy and the write-ahead log DuckDB may have left beside it."""
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)


def working_copies(path: Path) -> list[Path]:
    """Return the working copies (and their write-ahead logs) of the database at path that exist now."""
    return sorted(work_dir(path).glob(f"{_tag(path)}.*"))


def remove_stale_copies(path: Path) -> list[Path]:
    """Delete working copies of the database at path left by killed imports; return what was deleted."""
    # called under the import lock: no other import of this database runs, so every copy here is stale
    stale = working_copies(path)
    # copies made next to the database by earlier versions of the importer
    stale += [
        p for p in path.parent.glob(f"{path.name}.*.tmp") if p.name.endswith((".import.tmp", ".restore.tmp"))
    ]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def swap_in(tmp: Path, path: Path) -> None:
    """Replace the database at path by the finished working copy, atomically, keeping the database's permissions."""
    tmp.chmod(path.stat().st_mode & 0o777)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # $SINERGI_IMPORT_WORK on another filesystem: bring the copy next to the database first, then rename
        near = path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns()}.swap.tmp")
        try:
            shutil.copyfile(tmp, near)
            near.chmod(path.stat().st_mode & 0o777)
            os.replace(near, path)
        finally:
            near.unlink(missing_ok=True)


@contextmanager
def import_lock(path: Path) -> Iterator[None]:
    """Hold the one-writer lock of the database at path (a second import waits for the first)."""
    with open(path.with_name(f"{path.name}.import.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def keep_backup(path: Path, backup: Path) -> None:
    """Keep the current database file as backup (a hard link when possible) and drop backups beyond the newest 5."""
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
    with import_lock(path):
        remove_stale_copies(path)
        backups = list_backups(path)
        if not backups:
            return None
        chosen = backups[0]
        tmp = new_working_copy(path, chosen, "restore")
        try:
            stamp = datetime.now(UTC)
            keep = backups_dir(path) / f"{path.stem}.{stamp:%Y%m%dT%H%M%S%f}.sebelum_pemulihan.duckdb"
            keep.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, keep)
            except OSError:
                shutil.copyfile(path, keep)
            swap_in(tmp, path)
            db.close_connection(path)
            chosen.unlink()  # restored: it is the live file now, and the replaced file is kept in its place
        finally:
            discard(tmp)
    return chosen
