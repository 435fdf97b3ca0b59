"""The served app (server.py) in real Chromium, as issue 18 tried it: no file without a session, a session that
survives a reload and an opened link but not a shared one, idle expiry, sign-out, and no trace in the browser."""

from __future__ import annotations

import sqlite3
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

import duckdb
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, served_app, settle

from sinergi.access import audit

pytestmark = [pytest.mark.browser, needs_chromium]


def _status(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _signed_in(page) -> bool:
    return (
        page.locator('input[type="password"]').count() == 0
        and page.locator('[data-testid="stMetric"]').count() > 0
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("security")
    store_db = tmp / "store.sqlite3"
    env = {"SINERGI_AUDIT_DB": str(store_db)}
    with served_app(env=env, log=tmp / "server.log") as url:
        yield url, store_db


def test_session_cookie_downloads_and_expiry(server, monkeypatch):
    from playwright.sync_api import sync_playwright

    url, store_db = server
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(store_db))
    monkeypatch.delenv("SINERGI_STORE_URL", raising=False)
    media: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.on(
            "request", lambda r: media.append(r.url) if urlparse(r.url).path.startswith("/media/") else None
        )
        page.goto(url + "/?wilayah=99.02")
        settle(page, login=None)
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # nothing listed before sign-in
        settle(page, login="monev")
        assert _signed_in(page)
        deadline = time.time() + 10
        while not context.cookies() and time.time() < deadline:
            time.sleep(0.2)
        cookie = next(c for c in context.cookies() if c["name"] == "sinergi_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert "demo-monev" not in page.url + cookie["value"]

        # a reload and an opened link keep the session
        page.reload()
        settle(page, login=None)
        assert _signed_in(page)
        page.goto(url + "/moa?wilayah=99.02&moa=MOA-0201")
        settle(page, login=None)
        assert page.locator('input[type="password"]').count() == 0
        shared = browser.new_context().new_page()  # the same link in someone else's browser
        shared.goto(url + "/moa?wilayah=99.02&moa=MOA-0201")
        settle(shared, login=None)
        assert shared.locator('input[type="password"]').count() == 1

        # downloads: nothing at a media URL before the click; the file only to this session
        other_session = browser.new_context()  # someone else, signed in too
        other_page = other_session.new_page()
        other_page.goto(url + "/")
        settle(other_page, login="tamu")
        time.sleep(2)  # the claim script sets the cookie just after the page draws
        other_cookie = next(c for c in other_session.cookies() if c["name"] == "sinergi_session")
        page.goto(url + "/potensi-sektor?wilayah=99.02")
        settle(page, login=None)
        assert media == []
        button = page.locator('[data-testid="stDownloadButton"] button:visible').first
        button.wait_for(state="visible", timeout=30_000)
        with page.expect_download(timeout=60_000) as caught:
            button.click()
        download = caught.value
        assert download.failure() is None and download.suggested_filename.endswith((".csv", ".xlsx"))
        assert _status(download.url) == 403  # no cookie
        # to the session that asked (200), unless Streamlit has already dropped the file after the download (404);
        # another signed-in session gets nothing (403 while the file exists, 404 after)
        assert _status(download.url, f"sinergi_session={cookie['value']}") in (200, 404)
        assert _status(download.url, f"sinergi_session={other_cookie['value']}") in (403, 404)
        for seen in media:
            assert _status(seen) == 403
        exported = audit.events(event="export")
        assert exported["username"].tolist() == ["monev"]
        assert '"rows"' in exported["detail"].iloc[0] and '"scope": "*"' in exported["detail"].iloc[0]

        # idle past the limit (the store's clock moved back an hour): the next page run asks for the password again
        with sqlite3.connect(store_db) as con:
            con.execute("update web_session set last_seen_at = last_seen_at - 3600 where username = 'monev'")
        page.reload()
        settle(page, login=None)
        assert page.locator('input[type="password"]').count() == 1
        assert audit.events(event="session_expired")["username"].tolist() == ["monev"]

        # sign in again, sign out: the cookie no longer signs anyone in
        settle(page, login="tamu")
        tamu_cookie = next(c for c in context.cookies() if c["name"] == "sinergi_session")
        page.get_by_role("button", name="Keluar").click()
        settle(page, login=None)
        other = browser.new_context()
        other.add_cookies([{**tamu_cookie}])
        stolen = other.new_page()
        stolen.goto(url + "/")
        settle(stolen, login=None)
        assert stolen.locator('input[type="password"]').count() == 1
        browser.close()


def test_errors_show_an_incident_id_and_no_trace(tmp_path):
    from playwright.sync_api import sync_playwright

    from sinergi.data.demo.freshness import fingerprint_rows

    broken = tmp_path / "broken.duckdb"  # a database without its tables: the first query of a page fails
    with duckdb.connect(str(broken)) as con:
        con.execute("create table dataset_info (info_key varchar, info_value varchar)")
        con.execute("insert into dataset_info values ('is_synthetic', 'true'), ('as_of', '2025-01-01')")
        # the current demo's fingerprint: otherwise the app rightly rebuilds this file as a stale demo
        for key, value in fingerprint_rows().items():
            con.execute("insert into dataset_info values (?, ?)", [key, value])
    store_db = tmp_path / "store.sqlite3"
    env = {"SINERGI_DB": str(broken), "SINERGI_AUDIT_DB": str(store_db)}
    with served_app(env=env) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/")
        settle(page, login="admin")
        text = page.locator('[data-testid="stMain"]').inner_text()
        home = page.get_by_role("link", name="Kembali ke Beranda").get_attribute("href")
        browser.close()
    assert "kode insiden" in text
    assert home is not None and home.startswith("./")  # the way back without the lost sidebar
    for leak in ("Traceback", ".py", "/work", "duckdb", "Catalog"):
        assert leak not in text
    import os

    os.environ["SINERGI_AUDIT_DB"], previous = str(store_db), os.environ.get("SINERGI_AUDIT_DB")
    try:
        incidents = audit.events(event="incident")
    finally:
        os.environ["SINERGI_AUDIT_DB"] = previous or ""
    assert len(incidents) >= 1
    incident_id = incidents["detail"].iloc[0].split('"incident": "')[1][:8]
    assert incident_id in text and "Traceback" in incidents["detail"].iloc[0]
