"""The start-up refresh of a file's summary tables, run beside the app in a thread, and the wait pages show meanwhile.

A file with real data (or a national demo) whose summary tables an older version of Sinergi built
(sinergi.data.demo.freshness: 'summaries') is brought up to date at the first page run (sinergi.access.imports.
audited_summary_refresh: a copy, rebuilt, swapped in). Pages wait for it rather than read the old summaries: a
missing table fails a page with a Binder error, and a changed statement would show old figures silently, with no
sign of it; at 1 M households the wait is about a minute, once per new version. A failure is logged, recorded in
the audit log and never retried in a loop: pages then warn everyone and show the cause to the administrator.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import streamlit as st

from sinergi.access.imports import audited_summary_refresh
from sinergi.common.i18n import translate

logger = logging.getLogger(__name__)
_lock = threading.Lock()
# "off": never write the file (a benchmark on a shared scale file); pages then only warn that the summaries are stale
REFRESH_ENV = "SINERGI_SUMMARY_REFRESH"


def refresh_enabled() -> bool:
    """Return False when $SINERGI_SUMMARY_REFRESH is "off": stale summary tables are then left as they are."""
    return os.environ.get(REFRESH_ENV, "").strip().lower() != "off"


class SummaryRefresh:
    """One refresh of one file, in a daemon thread; fraction and step follow its progress."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fraction, self.step = 0.0, ""
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run, name="sinergi-summary-refresh", daemon=True)

    def _progress(self, fraction: float, step: str) -> None:
        self.fraction, self.step = fraction, step

    def _run(self) -> None:
        try:
            audited_summary_refresh(self.path, self._progress)
        except Exception as exc:  # any failure: the live file is untouched, the pages say so
            logger.exception("%s: summary tables could not be rebuilt", self.path)  # i18n: ok (server log)
            self.error = repr(exc)


_refreshes: dict[Path, SummaryRefresh] = {}


def start_refresh(path: Path) -> SummaryRefresh:
    """Start the refresh of path's summary tables unless one is running or has failed; return it."""
    with _lock:
        running = _refreshes.get(path)
        if running is not None and (running.thread.is_alive() or running.error is not None):
            return running
        _refreshes[path] = SummaryRefresh(path)
        _refreshes[path].thread.start()
        return _refreshes[path]


def follow(job: Any, label: str) -> None:
    """Show a progress bar while job (a background build or refresh: thread, fraction, step) runs, then clear the
    cached results, which were read from the file the job replaced."""
    bar = st.progress(0.0, text=label)
    while job.thread.is_alive():
        bar.progress(job.fraction, text=f"{label} ({job.step})" if job.step else label)
        time.sleep(0.3)
    bar.empty()
    st.cache_data.clear()


def wait_for_refresh(path: Path, lang: str, role: str | None) -> None:
    """Show a progress bar until the refresh of path ends; after a failure, warn (the cause for admin only)."""
    if not refresh_enabled():
        st.warning(translate("shell.summaries_stale", lang))
        return
    refresh = start_refresh(path)
    if refresh.thread.is_alive():
        follow(refresh, translate("shell.refreshing_summaries", lang))
    if refresh.error is not None:
        if role == "admin":
            st.error(translate("shell.summaries_failed_admin", lang, error=refresh.error))
        else:
            st.warning(translate("shell.summaries_failed", lang))
