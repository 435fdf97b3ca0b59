"""What every importer hands to the writer, and the one function that runs a prepared import."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from sinergi.data.importers.report import Report
from sinergi.data.importers.writer import Apply, WriteResult, write_import


@dataclass
class Prepared:
    kind: str
    file_name: str
    sha256: str
    report: Report
    rows_read: int
    rows_rejected: int = 0
    apply: Apply | None = None  # None when the file could not be validated at all


@dataclass(frozen=True)
class Outcome:
    status: str  # blocked, unchanged, written
    prepared: Prepared
    result: WriteResult | None = None


def execute(
    prepared: Prepared, *, user: str, accept_warnings: bool = False, path: Path | None = None
) -> Outcome:
    """Write a validated import unless errors (or unaccepted warnings) block it; nothing is written when blocked.

    user is who runs it (the signed-in account on the page, --user on the command line): import_log keeps it.
    """
    report = prepared.report
    if prepared.apply is None or report.blocks(accept_warnings):
        return Outcome("blocked", prepared)
    try:
        result = write_import(
            prepared.kind,
            prepared.file_name,
            prepared.sha256,
            prepared.apply,
            prepared.rows_read,
            user=user,
            rows_rejected=prepared.rows_rejected,
            warnings=report.warnings,
            path=path,
        )
    except duckdb.Error as exc:
        # the transaction ran on a copy that is now discarded: the database file is unchanged
        report.add(report.t("impor.write_failed", error=str(exc).splitlines()[0]))
        return Outcome("blocked", prepared)
    return Outcome(result.status, prepared, result)
