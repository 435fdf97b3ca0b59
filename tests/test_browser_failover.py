"""A sign-in survives the death of the app process behind it (issue 17).

The process that redeemed the browser's claim code dies before its answer (the cookie) reaches the browser, and
another process takes over the address, as the proxy sends the browser to a live process. The browser asks again
with the same attempt id, the new process answers from the shared store, and the page is signed in there from the
cookie without the password being typed again.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, ROOT, _free_port, app_command, needs_chromium, wait_healthy

from sinergi.access import audit

pytestmark = [pytest.mark.browser, needs_chromium]


def _signed_in(page) -> bool:
    return (
        page.locator('input[type="password"]').count() == 0
        and page.get_by_role("button", name="Keluar").count() == 1
    )


def _resumed() -> bool:
    return "session_resumed" in audit.events(username="admin")["event"].tolist()


def test_a_sign_in_survives_the_death_of_its_process(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    store_db = tmp_path / "store.sqlite3"
    env = {**os.environ, "SINERGI_AUDIT_DB": str(store_db)}
    env.pop("SINERGI_STORE_URL", None)
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(store_db))
    monkeypatch.delenv("SINERGI_STORE_URL", raising=False)
    port = _free_port()
    url = f"http://localhost:{port}"
    logs = [(tmp_path / f"app{index}.log").open("wb") for index in range(2)]

    def start(index: int) -> subprocess.Popen:
        command = app_command(port)
        return subprocess.Popen(command, cwd=ROOT, stdout=logs[index], stderr=subprocess.STDOUT, env=env)

    processes = [start(0)]
    bodies: list[dict[str, str]] = []

    def claim(route) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if len(bodies) > 1:
            route.continue_()
            return
        # the first process redeems the code and sets the cookie in its answer ... (urllib: not the browser's jar)
        request = urllib.request.Request(
            route.request.url, route.request.post_data_buffer, route.request.headers
        )
        assert urllib.request.urlopen(request, timeout=30).status == 204
        processes[0].kill()  # ... and dies before the answer leaves it
        processes[0].wait()
        processes.append(start(1))  # the survivor, where the proxy sends the browser from now on
        route.abort("connectionreset")

    try:
        wait_healthy(url)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.route("**/sinergi/session/claim", claim)
            page.goto(url + "/?wilayah=99.02")
            page.locator('input[type="password"]').wait_for(timeout=120_000)
            page.locator('input[type="text"]').first.fill("admin")
            page.locator('input[type="password"]').fill("demo-admin")
            page.locator('[data-testid="stFormSubmitButton"] button').click()
            deadline = time.time() + 180
            while time.time() < deadline and len(processes) < 2:
                page.wait_for_timeout(500)
            wait_healthy(url)
            while time.time() < deadline and not (_resumed() and _signed_in(page)):
                page.wait_for_timeout(500)  # the page of the old process shows until the new one draws it
            cookies = {cookie["name"] for cookie in context.cookies()}
            signed_in = _signed_in(page)
            browser.close()
    finally:
        for process in processes:
            process.kill()
            process.wait()
        for log in logs:
            log.close()
    assert len(processes) == 2, "the sign-in never asked for its cookie"
    assert signed_in and _resumed(), (tmp_path / "app1.log").read_text(errors="replace")[-2000:]
    assert "sinergi_session" in cookies
    assert (
        len(bodies) >= 2 and bodies[0]["attempt"] == bodies[1]["attempt"]
    )  # asked again, as the same attempt
    events = audit.events(username="admin")["event"].tolist()
    assert events.count("login") == 1 and "session_resumed" in events  # the new process resumed the session
