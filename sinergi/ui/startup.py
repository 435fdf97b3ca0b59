"""The database a page needs before it reads anything: the first start's demo build (in its own process, with a
progress bar) and the refresh of a real-data file's stale summary tables (sinergi.ui.summary_refresh)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import streamlit as st

from sinergi.common.i18n import translate
from sinergi.data import db
from sinergi.data.demo import freshness
from sinergi.ui.summary_refresh import follow, refresh_enabled, start_refresh, wait_for_refresh

_build_lock = threading.Lock()
logger = logging.getLogger(__name__)


class DemoBuild:
    """The first start's demo build, in its own process (its own core, no lock shared with the login page), once
    per file; a thread reads its progress lines ("37% menulis household")."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fraction, self.step = 0.0, ""
        self.error: str | None = None
        command = [sys.executable, "-m", "sinergi.data.demo", "--out", str(path)]
        command += ["--scale", os.environ.get("SINERGI_DEMO_SCALE", "1")]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.thread = threading.Thread(target=self._follow, name="sinergi-demo-build", daemon=True)

    def _follow(self) -> None:
        lines = []
        for line in self.process.stdout or []:
            lines.append(line)
            percent, _, step = line.strip().partition("% ")
            if percent.strip().isdigit():
                self.fraction, self.step = min(int(percent) / 100, 1.0), step
        if self.process.wait() != 0:
            self.error = "".join(lines[-5:])


_builds: dict[Path, DemoBuild] = {}


def start_database() -> DemoBuild | None:
    """Start building the demo database in the background when the file is missing (first start) or is a synthetic
    demo built by older code (sinergi.data.demo.freshness); return the build, or None when the file is usable.
    A file of real data whose summary tables are out of date has them rebuilt instead (sinergi.ui.summary_refresh)."""
    path = db.database_path()
    with _build_lock:
        build = _builds.get(path)
        if build is not None and (build.thread.is_alive() or build.error is not None):
            return build  # still running, or failed: shown once, never started again in a loop
        state = freshness.check(path) if path.exists() else "rebuild"
        if state == "summaries" and refresh_enabled():
            start_refresh(path)
        if state != "rebuild":
            return None
        if path.exists():
            logger.warning("%s: a demo database built by older code, rebuilt", path)  # i18n: ok (server log)
        _builds[path] = DemoBuild(path)
        _builds[path].thread.start()
        return _builds[path]


def ensure_database(lang: str, role: str | None = None) -> None:
    """Wait for the demo database with a progress bar while it is still being built (first start only), or for the
    summary tables of a real-data file while they are brought up to date (once per new version)."""
    build = start_database()
    if build is None:
        path = db.database_path()
        state = freshness.check(path)
        if state == "warn":
            st.warning(translate("shell.schema_changed", lang))
        elif state == "summaries":
            wait_for_refresh(path, lang, role)
        return
    follow(build, translate("shell.building_demo", lang))
    if build.error is not None:
        raise RuntimeError(build.error)
