"""Real-browser helpers: serve the app on a free port and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# .ci/run sets this: checks that add minutes for little more assurance run there (and when a developer asks);
# conftest leaves most browser tests to it as well
FULL = os.environ.get("SINERGI_TEST_FULL") == "1"
# the start of shell.incident in id and en: what server.py's incident handler shows in place of a trace
INCIDENT_TEXT = re.compile("kode insiden|incident code")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_command(port: int, base: str = "") -> list[str]:
    """Return the command serving the app headless on port (below the path prefix base, if any)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "server.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.baseUrlPath",
        base,
        # as deployed: an edited source file must not reload the app under a running test
        "--server.fileWatcherType",
        "none",
    ]


def wait_healthy(url: str) -> None:
    """Wait until the served app at url answers its health check (about a minute at most)."""
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("streamlit did not become healthy")


@contextmanager
def served_app(env: dict[str, str] | None = None, log: Path | None = None, base: str = "") -> Iterator[str]:
    """Run `streamlit run server.py` headless on a free port; yield its base URL (server output to log if given).
    base serves it behind a path prefix (server.baseUrlPath), which the yielded URL then ends with."""
    port = _free_port()
    sink = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        app_command(port, base),
        cwd=ROOT,
        stdout=sink,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    url = f"http://localhost:{port}" + (f"/{base.strip('/')}" if base.strip("/") else "")
    try:
        wait_healthy(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if log:
            sink.close()


@contextmanager
def browser_page(width: int = 1366, height: int = 900):
    """Yield (page, outside_requests): a Chromium page and the list of request URLs that left localhost."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})

        def watch(request) -> None:
            host = urlparse(request.url).hostname
            if host not in ("localhost", "127.0.0.1", None) and not request.url.startswith(
                ("data:", "blob:")
            ):
                outside.append(request.url)

        page.on("request", watch)
        try:
            yield page, outside
        finally:
            browser.close()


def settle(page, timeout_s: float = 60, login: str | None = "admin") -> None:
    """Wait until Streamlit has drawn the app and no script is running; when the login form shows, sign in with the
    demo account `login` (README, "Demo accounts") and wait again. login=None leaves the form alone."""
    _quiet(page, timeout_s)
    if page.get_by_text("Page not found").count():
        # A fresh server answers its first deep link before st.navigation has registered the pages
        # (streamlit/streamlit#9624): ask again, as a visitor reloading would.
        page.reload()
        _quiet(page, timeout_s)
    if login and page.locator('input[type="password"]').count() == 1:
        page.locator('input[type="text"]').first.fill(login)
        page.locator('input[type="password"]').fill(f"demo-{login}")
        page.locator('[data-testid="stFormSubmitButton"] button').click()
        time.sleep(0.5)
        _quiet(page, timeout_s)


def _quiet(page, timeout_s: float) -> None:
    """Wait until the app's script has run and stayed stopped for 1.5 s.

    The script state on stApp is "initial" until the first run starts (the page shows only skeletons then), so a
    page that has not started yet is not taken for one that has finished."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_s * 1000)
    app = page.locator('[data-testid="stApp"]')
    start, quiet_since = time.time(), None
    while time.time() - start < timeout_s:
        state = app.get_attribute("data-test-script-state") if app.count() else None
        busy = state != "notRunning" or page.locator('[data-testid="stStatusWidget"]').count() > 0
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.5:
            return
        time.sleep(0.2)


def errors_on(page) -> int:
    """Return how many errors the page shows: Streamlit's exception box, or the incident message that server.py's
    handler draws instead of a trace (an st.error naming an incident code, in either language)."""
    incidents = page.locator('[data-testid="stAlert"]').filter(has_text=INCIDENT_TEXT)
    return page.locator('[data-testid="stException"]').count() + incidents.count()


def sidebar_link(page, title: str):
    """Return the sidebar navigation link to the page titled `title` (in the language on screen)."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]').filter(has_text=title).first


def open_from_sidebar(page, title: str, timeout_s: float = 60) -> tuple[float, float]:
    """Click the sidebar link to `title`; return (first paint, settled) in seconds after the click.

    First paint: the page's own heading is on screen (the previous page's heading is gone). Settled: the app's
    script is not running and has stayed so for a second (the time reported is when it stopped)."""
    before = page.locator("h1").first.inner_text() if page.locator("h1").count() else ""
    start = time.time()
    sidebar_link(page, title).click()
    return _timed(page, before, start, timeout_s)


def _timed(page, before: str, start: float, timeout_s: float) -> tuple[float, float]:
    painted = None
    quiet_since = None
    app = page.locator('[data-testid="stApp"]')
    while time.time() - start < timeout_s:
        if painted is None:
            heading = page.locator("h1").first
            if (heading.count() and heading.inner_text() != before) or errors_on(page):
                painted = time.time() - start
        state = app.get_attribute("data-test-script-state") if app.count() else None
        if state != "notRunning" or painted is None:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.0:
            return painted, quiet_since - start
        time.sleep(0.05)
    raise TimeoutError(f"the page did not settle in {timeout_s} s")
