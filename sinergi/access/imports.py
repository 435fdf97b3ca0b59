"""Imports and restores with their audit record: the signed-in account on Kelola Data, --user on the command line.

Every attempt is recorded, blocked ones too (who tried to load what is part of the record); import_log in the
database keeps the same user for written imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sinergi.access import audit
from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.data import db
from sinergi.data.importers import Outcome, execute, prepare, refresh
from sinergi.data.importers.writer import restore_previous


def detail(outcome: Outcome, path: Path | None = None) -> dict[str, Any]:
    """Return what the audit log keeps about an import: kind, files, hash, status, counts, import id, database."""
    prepared, report = outcome.prepared, outcome.prepared.report
    return {
        "kind": prepared.kind,
        "file": prepared.file_name,
        "sha256": prepared.sha256,
        "status": outcome.status,
        "import_id": outcome.result.import_id if outcome.result else None,
        "rows_read": prepared.rows_read,
        "rows_written": outcome.result.rows_written if outcome.result else 0,
        "errors": report.errors,
        "warnings": report.warnings,
        "database": str(path or db.database_path()),
    }


def audited_import(
    user: str,
    role: str | None,
    page: str,
    kind: str,
    files: list[tuple[str, bytes]],
    accept_warnings: bool = False,
    lang: str = DEFAULT_LANGUAGE,
    progress: Callable[[float, str], None] | None = None,
    path: Path | None = None,
) -> Outcome:
    """Validate and (unless blocked) write an import as user, and record it in the audit log."""
    prepared = prepare(kind, files, path, progress, lang)
    outcome = execute(prepared, user=user, accept_warnings=accept_warnings, path=path)
    audit.record("import", user, role, page, detail(outcome, path))
    return outcome


def audited_restore(user: str, role: str | None, page: str, path: Path | None = None) -> Path | None:
    """Swap the newest backup in as user, record it in the audit log, and return the backup restored (or None)."""
    restored = restore_previous(path)
    audit.record("restore", user, role, page,
                 {"restored": restored.name if restored else None, "database": str(path or db.database_path())})  # fmt: skip
    return restored


APP_USER = "sinergi"  # the app itself, not a person: the start-up summary refresh


def audited_summary_refresh(
    path: Path | None = None, progress: Callable[[float, str], None] | None = None
) -> bool:
    """Bring the file's summary tables up to date (sinergi.data.importers.refresh) and record it in the audit log,
    a failure too (then re-raised); return False when there was nothing to do (nothing is recorded)."""
    started = time.perf_counter()
    where = {"database": str(path or db.database_path())}
    try:
        written = refresh.refresh_summaries(path, progress)
    except Exception as exc:
        audit.record(
            "summary_refresh", APP_USER, detail={**where, "status": "failed", "error": repr(exc)[:500]}
        )
        raise
    if written:
        seconds = round(time.perf_counter() - started, 1)
        audit.record("summary_refresh", APP_USER, detail={**where, "status": "written", "seconds": seconds})
    return written
