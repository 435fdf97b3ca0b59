"""Issue 18, finding 8: five browsers sign in while an import and a restore swap the database under the served
app; all five get signed in and see their page, and no reader sees an error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, ROOT, errors_on, needs_chromium, served_app, settle

from sinergi.data.importers.sample import synthetic_p3ke

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
ROLES = ("perencana", "pimpinan", "monev", "tamu", "admin")
PASSWORD = "uji-impor-rahasia"


def _cycle(env: dict[str, str], sample, stop: threading.Event, done: list[str]) -> None:
    # at least one import and one restore, then on until the sign-ins are over
    while not stop.is_set() or len(done) < 2:
        for args in (["p3ke", str(sample), "--user", "uji"], ["restore", "--user", "uji"]):
            ran = subprocess.run([sys.executable, "-m", "sinergi.data.importers", *args], env=env, cwd=ROOT,
                                 capture_output=True, text=True)  # fmt: skip
            done.append(f"{args[0]}:{ran.returncode}")


def test_five_sign_ins_during_import_and_restore(tmp_path, demo_database, monkeypatch):
    from playwright.sync_api import sync_playwright

    from sinergi.access.accounts import add_account
    from sinergi.access.store import close_stores

    database, store_db = tmp_path / "sinergi.duckdb", tmp_path / "store.sqlite3"
    shutil.copy(demo_database, database)
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(store_db))
    monkeypatch.delenv("SINERGI_STORE_URL", raising=False)
    for index, role in enumerate(ROLES):  # real accounts: a real import turns demo accounts away
        add_account(f"uji{index}", role, PASSWORD, "99.02" if role in ("perencana", "pimpinan") else None)
    close_stores()
    sample = tmp_path / "p3ke.csv"
    sample.write_bytes(synthetic_p3ke(["99.02.01.2001", "99.02.01.2002"], 40))
    env = {"SINERGI_DB": str(database), "SINERGI_AUDIT_DB": str(store_db)}
    stop, done = threading.Event(), []
    with served_app(env=env, log=tmp_path / "server.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = [browser.new_context().new_page() for _ in ROLES]
        for page in pages:
            page.goto(url + "/?wilayah=99.02")
        for page in pages:
            settle(page, login=None)
        worker = threading.Thread(target=_cycle, args=({**os.environ, **env}, sample, stop, done))
        worker.start()
        time.sleep(1)
        for index, page in enumerate(pages):  # all five submit at once, then wait
            page.locator('input[type="text"]').first.fill(f"uji{index}")
            page.locator('input[type="password"]').fill(PASSWORD)
            page.locator('[data-testid="stFormSubmitButton"] button').click()
        signed_in = []
        for page in pages:
            settle(page, login=None)
            deadline = time.time() + 60
            while page.locator('input[type="password"]').count() and time.time() < deadline:
                time.sleep(0.3)
            settle(page, login=None)
            signed_in.append(
                page.locator('input[type="password"]').count() == 0
                and errors_on(page) == 0
                and "kode insiden" not in page.locator('[data-testid="stMain"]').inner_text()
            )
        stop.set()
        worker.join(timeout=300)
        browser.close()
    assert signed_in == [True] * len(ROLES), (signed_in, done)
    assert "p3ke:0" in done and "restore:0" in done, done
