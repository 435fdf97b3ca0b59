"""Bring a file's summary tables up to date for this version of Sinergi, beside the running app, as an import does.

A file holding real data (or a national demo) whose summary tables an older version built (sinergi.data.demo.freshness
says 'summaries') is copied to a private working copy, every summary table is dropped and built whole in one
transaction, the summary fingerprint stored, and the copy swapped in atomically; readers reopen the new file
(sinergi.data.db). It holds the importer's one-writer lock, so an import and a refresh never write at once, and
checks again under the lock (an import or another app process may have done it meanwhile). On any failure the
working copy is deleted and the live file is untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import duckdb

from sinergi.data import db, summary, summary_version
from sinergi.data.demo import freshness
from sinergi.data.importers import versions

logger = logging.getLogger(__name__)
Progress = Callable[[float, str], None]


def refresh_summaries(path: Path | None = None, progress: Progress | None = None) -> bool:
    """Rebuild the summary tables of the file at path on a copy and swap it in; return False when they were
    already current (nothing written). Raises on failure, leaving the file as it was."""
    path = Path(path or db.database_path())
    say = progress or (lambda fraction, step: None)
    with versions.import_lock(path):
        if freshness.check(path) != "summaries":
            return False
        versions.remove_stale_copies(path)
        say(0.0, "copy")
        tmp = versions.new_working_copy(path, path, "summaries")
        try:
            con = duckdb.connect(str(tmp))
            try:
                con.execute("set enable_progress_bar = false")
                con.execute("begin transaction")
                summary_version.drop_all(con)
                summary.prepare_scope(con, summary.EVERYTHING)
                for i, table in enumerate(summary.SUMMARY_TABLES):
                    say(0.1 + 0.85 * i / len(summary.SUMMARY_TABLES), table)
                    summary.rebuild_table(con, table)
                summary_version.store_fingerprint(con)
                say(0.95, "checkpoint")
                con.execute("commit")
                con.execute("checkpoint")
            finally:
                con.close()
            versions.swap_in(tmp, path)
            db.close_connection(path)
        finally:
            versions.discard(tmp)
    logger.info("%s: summary tables rebuilt for this version", path)  # i18n: ok (server log)
    return True
