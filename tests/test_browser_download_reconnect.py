"""A download clicked while the page reconnects to a new app process arrives, audited once (issue 17, load test).

The load test lost a download after a WebSocket reconnection: the browser, connected again but not yet told its new
Streamlit session, sent the click with its old session id and the old button's id; the app refused it ("session ID
mismatch") and no file came. Here the app process behind a small proxy dies and another takes its place (as nginx
sends a browser to a live process), the proxy holds what the new process sends until the click went out, and the
click must still give the file, with one export row in the audit log.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time

import pytest
from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    _free_port,
    app_command,
    needs_chromium,
    settle,
    sidebar_link,
)
from browser import wait_healthy as app_healthy

from sinergi.access import audit
from sinergi.common.i18n import translate

pytestmark = [pytest.mark.browser, needs_chromium]


class HoldingProxy:
    """A TCP proxy to 127.0.0.1:target. While `hold` is set, a new WebSocket (/_stcore/stream) gets the server's
    handshake answer and nothing more until `release` is set; its browser→server bytes pass (`sent_after_hold`)."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.hold, self.release = threading.Event(), threading.Event()
        self.held: list[bytes] = []  # server→browser bytes held back
        self.sent_after_hold = 0
        self.streams_held = 0  # WebSockets opened while holding (their handshake answered)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target), timeout=5)
        except OSError:
            client.close()  # the app process is down: the browser tries again
            return
        first = client.recv(65536)
        holding = (
            self.hold.is_set() and not self.release.is_set() and b"/_stcore/stream" in first.split(b"\r\n")[0]
        )
        upstream.sendall(first)
        threading.Thread(target=self._up, args=(client, upstream, holding), daemon=True).start()
        self._down(upstream, client, holding)

    def _up(self, client: socket.socket, upstream: socket.socket, holding: bool) -> None:
        try:
            while data := _recv(client):
                if holding:
                    self.sent_after_hold += 1
                upstream.sendall(data)
        except OSError:
            pass
        _close(client, upstream)

    def _down(self, upstream: socket.socket, client: socket.socket, holding: bool) -> None:
        upstream.settimeout(0.2)
        with contextlib.suppress(OSError):
            self._pump(upstream, client, holding)
        _close(client, upstream)

    def _pump(self, upstream: socket.socket, client: socket.socket, holding: bool) -> None:
        handshake: bytes | None = b"" if holding else None
        while True:
            try:
                data = upstream.recv(65536)
            except TimeoutError:
                data = None  # nothing yet: look at `release` again
            if data == b"":
                return
            if handshake is not None and data:
                handshake += data  # the HTTP upgrade answer passes, the messages after it wait
                head, sep, rest = handshake.partition(b"\r\n\r\n")
                if sep:
                    client.sendall(head + sep)
                    self.held.append(rest)
                    self.streams_held += 1
                    handshake = None
                continue
            if holding and not self.release.is_set():
                self.held.extend([data] if data else [])
                continue
            if holding and self.held:
                client.sendall(b"".join(self.held))
                self.held.clear()
            if data:
                client.sendall(data)


def _close(*sockets: socket.socket) -> None:
    # shut down first: a thread blocked in recv on a merely closed socket keeps the connection open
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def test_a_download_clicked_as_the_page_reconnects_arrives_once(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    store_db = tmp_path / "store.sqlite3"
    env = {**os.environ, "SINERGI_AUDIT_DB": str(store_db)}
    env.pop("SINERGI_STORE_URL", None)
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(store_db))
    monkeypatch.delenv("SINERGI_STORE_URL", raising=False)
    port = _free_port()
    logs = [(tmp_path / f"app{index}.log").open("wb") for index in range(2)]

    def start(index: int) -> subprocess.Popen:
        return subprocess.Popen(
            app_command(port), cwd=ROOT, stdout=logs[index], stderr=subprocess.STDOUT, env=env
        )

    processes = [start(0)]
    proxy = HoldingProxy(port)
    url = f"http://127.0.0.1:{proxy.port}"
    files, refusals = [], []
    try:
        app_healthy(f"http://127.0.0.1:{port}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
            page.on("download", lambda download: files.append(download))
            page.goto(url + "/?wilayah=99.02")
            settle(page, 120)  # signs in as the demo admin
            sidebar_link(page, translate("audit.title", "id")).click()
            settle(page, 120)
            button = page.locator('[data-testid="stDownloadButton"] button').first
            button.wait_for(timeout=60_000)

            proxy.hold.set()
            processes[0].kill()
            processes[0].wait()
            processes.append(start(1))  # the process the proxy sends the browser to from now on
            deadline = time.time() + 180
            while time.time() < deadline and not proxy.streams_held:
                page.wait_for_timeout(
                    100
                )  # the page reconnects once the new process answers its health check
            assert proxy.streams_held, "the page never reconnected"
            # Clicked now, before anything of the new session reached the page (the server's keep-alive would close
            # a WebSocket held much longer): the page still shows the old session and sends its ids.
            page.wait_for_timeout(500)
            sent = proxy.sent_after_hold
            button.click()
            while time.time() < deadline and proxy.sent_after_hold == sent:
                page.wait_for_timeout(100)  # the click's request went out on the new WebSocket
            proxy.release.set()
            error = page.locator('[data-testid="stDownloadButtonError"]')
            deadline = time.time() + 90  # the new session draws the page, then the click's file is made
            while time.time() < deadline and not files and not refusals:
                if error.count():
                    refusals.append(error.first.inner_text())
                page.wait_for_timeout(250)
            failure = files[0].failure() if files else None
            browser.close()
    finally:
        for process in processes:
            process.kill()
            process.wait()
        for log in logs:
            log.close()
    assert files and failure is None, (refusals, (tmp_path / "app1.log").read_text()[-2000:])
    exports = audit.events(username="admin", event="export")
    assert len(exports) == 1, exports
