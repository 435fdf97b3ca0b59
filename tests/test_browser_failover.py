"""A sign-in survives the death of the app process behind it (issue 17).

Two app processes take turns on one address (as a proxy sends a browser to a live process when its own died), on
one shared store. The first process dies during the sign-in:
- after it redeemed the browser's claim code, before its answer (the cookie) reached the browser: the browser asks
  again with the same attempt id, the new process answers from the store, and the sign-in form the new process drew
  reloads the page, which the cookie signs in;
- before the browser ever got the page with the claim code: the browser reconnects naming the Streamlit session it
  had, and the new process takes over the sign-in that session handed over, then hands out a new claim code.
Either way the password is not typed again.
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
    # the sidebar caption, not its links or button: a module the dead process was serving may stay unloaded
    return (
        page.locator('input[type="password"]').count() == 0 and page.get_by_text("Masuk sebagai").count() == 1
    )


def _resumed() -> list[dict]:
    events = audit.events(username="admin", event="session_resumed")
    return [json.loads(detail) for detail in events["detail"]]


def _sign_in_while_the_process_dies(tmp_path, monkeypatch, claim) -> dict:
    """Sign in as the demo admin while `claim(route, bodies, kill)` handles the claim requests (kill() kills the
    first process and starts the second); return what the browser and the store ended with."""
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

    def kill() -> None:
        processes[0].kill()
        processes[0].wait()
        processes.append(start(1))  # the survivor, where the proxy sends the browser from now on

    try:
        wait_healthy(url)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.route("**/sinergi/session/claim", lambda route: claim(route, bodies, kill))
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
            while time.time() < deadline and "sinergi_session" not in {c["name"] for c in context.cookies()}:
                page.wait_for_timeout(500)
            found = {
                "processes": len(processes),
                "signed_in": _signed_in(page),
                "cookies": {cookie["name"] for cookie in context.cookies()},
                "bodies": bodies,
            }
            browser.close()
    finally:
        for process in processes:
            process.kill()
            process.wait()
        for log in logs:
            log.close()
    assert found["processes"] == 2, "the sign-in never asked for its cookie"
    assert found["signed_in"] and _resumed(), (found, _resumed())
    assert "sinergi_session" in found["cookies"]
    assert audit.events(username="admin", event="login").shape[0] == 1  # the password was typed once
    return found


def test_a_claim_answered_by_a_process_that_died_is_asked_again(tmp_path, monkeypatch):
    answers: list[int] = []

    def claim(route, bodies, kill) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if len(bodies) > 1:
            answer = route.fetch()
            answers.append(answer.status)
            route.fulfill(response=answer)
            return
        # the first process redeems the code and sets the cookie in its answer ... (urllib: not the browser's jar)
        sent = urllib.request.Request(
            route.request.url, route.request.post_data_buffer, route.request.headers
        )
        assert urllib.request.urlopen(sent, timeout=30).status == 204
        kill()  # ... and dies before the answer leaves it
        route.abort("connectionreset")

    found = _sign_in_while_the_process_dies(tmp_path, monkeypatch, claim)
    # asked again as the same attempt, answered by the new process from the store (when the reconnection did not
    # take the sign-in over first, the retry still sets the cookie)
    retries = [i for i, body in enumerate(found["bodies"][1:]) if body == found["bodies"][0]]
    assert retries and answers[retries[0]] == 204 or answers[0] == 204


def test_a_sign_in_whose_page_never_came_is_taken_over(tmp_path, monkeypatch):
    def claim(route, bodies, kill) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if len(bodies) == 1:
            kill()  # the first process dies as its signed-in page goes out
        if not _resumed():  # nothing of the first process's page arrives: its claim codes are lost with it
            route.abort("connectionreset")
        else:
            route.continue_()

    found = _sign_in_while_the_process_dies(tmp_path, monkeypatch, claim)
    assert {detail["from"] for detail in _resumed()} == {"handover"}
    assert len({body["code"] for body in found["bodies"]}) > 1  # the new process handed out its own code
