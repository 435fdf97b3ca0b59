"""Behind a path prefix (server.baseUrlPath, a proxy serving Sinergi at /sinergi-app/): the session cookie is set and
signs a reload in, and a file upload from a signed-in role without an upload page is refused."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, served_app, settle

pytestmark = [pytest.mark.browser, needs_chromium]
PREFIX = "sinergi-app"


def _put(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(
        url, data=b"x" * 100, method="PUT", headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_sign_in_survives_a_reload_behind_a_prefix(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    env = {"SINERGI_AUDIT_DB": str(tmp_path / "store.sqlite3")}
    monkeypatch.delenv("SINERGI_STORE_URL", raising=False)
    with served_app(env=env, log=tmp_path / "server.log", base=PREFIX) as url, sync_playwright() as pw:
        assert url.endswith(f"/{PREFIX}")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(url + "/?wilayah=99.02")
        settle(page, login="tamu")
        assert page.locator('input[type="password"]').count() == 0
        deadline = time.time() + 20
        while not any(c["name"] == "sinergi_session" for c in context.cookies()) and time.time() < deadline:
            time.sleep(0.2)  # the claim script runs just after the page draws
        cookie = next(c for c in context.cookies() if c["name"] == "sinergi_session")
        assert cookie["path"] == f"/{PREFIX}" and cookie["httpOnly"]
        page.reload()
        settle(page, login=None)
        assert page.locator('input[type="password"]').count() == 0  # the cookie signed the reload in

        # an upload: refused without a session and from a tamu session (Streamlit alone wants only its session id)
        target = f"{url}/_stcore/upload_file/any-session/any-file"
        assert _put(target, None) == 403
        assert _put(target, f"sinergi_session={cookie['value']}") == 403
        browser.close()
