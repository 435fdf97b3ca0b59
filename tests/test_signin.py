"""Sign-in as an attacker tries it: equal timing for unknown names and wrong passwords, long passwords, 20 guesses at
once, demo accounts on real data, the login page before sign-in, and plain text for imported words."""

from __future__ import annotations

import re
import shutil
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest
from conftest import open_page

from sinergi.access import audit, signin
from sinergi.access.accounts import add_account
from sinergi.access.store import close_stores, store
from sinergi.common.text import plain


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("SINERGI_STORE_URL", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield store()
    close_stores()


@pytest.fixture
def real_database(tmp_path, monkeypatch, demo_database):
    """A copy of the demo database marked as holding a real import (as every real import marks it)."""
    copy = tmp_path / "real.duckdb"
    shutil.copy(demo_database, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("update dataset_info set info_value = 'false' where info_key = 'is_synthetic'")
    monkeypatch.setenv("SINERGI_DB", str(copy))
    return copy


def _reset_turns() -> None:
    for key in ("budi", audit.unknown_user_key("nobody-here")):
        signin.clear_turns(key)


def test_unknown_name_and_wrong_password_take_the_same_time(fresh_store):
    add_account("budi", "perencana", "rahasia-budi-1", "99.02")  # made like a real account: bcrypt cost 12
    # CPU time of the attempt: the work a timing attack measures, without the noise of a shared 2-core machine
    timings: dict[str, list[float]] = {"unknown": [], "wrong": [], "demo_wrong": []}
    cases = {
        "unknown": ("nobody-here", "x" * 12),
        "wrong": ("budi", "salah-salah"),
        "demo_wrong": ("admin", "nope"),
    }
    for _ in range(7):
        for case, (name, password) in cases.items():
            _reset_turns()
            signin.clear_turns("admin")
            start = time.thread_time()
            assert signin.attempt(name, password).status == "failed"
            timings[case].append(time.thread_time() - start)
    medians = {case: statistics.median(values) for case, values in timings.items()}
    assert abs(medians["unknown"] - medians["wrong"]) <= 0.2 * medians["wrong"], medians
    assert abs(medians["unknown"] - medians["demo_wrong"]) <= 0.2 * medians["demo_wrong"], medians


@pytest.mark.parametrize("length", [73, 200, 128 * 4])
def test_long_passwords_fail_without_a_crash(fresh_store, length):
    assert signin.attempt("admin", "é" * (length // 2) + "x" * (length % 2)).status == "failed"


def test_twenty_parallel_guesses_are_throttled(fresh_store, monkeypatch):
    # one instant for all twenty (as on a fast machine): on a busy one the 2 s backoff after the third failure can
    # run out while the guesses are still being checked, and a fourth guess is then rightly allowed
    frozen = time.time()
    monkeypatch.setattr(signin.time, "time", lambda: frozen)
    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(lambda _: signin.attempt("admin", "tebakan-salah").status, range(20)))
    assert outcomes.count("failed") == signin.USER_FREE
    assert outcomes.count("throttled") == 20 - signin.USER_FREE
    logged = audit.events()["event"].value_counts()
    assert logged["login_failed"] == signin.USER_FREE and logged["login_throttled"] == 20 - signin.USER_FREE


def test_demo_accounts_refused_once_real_data_is_loaded(fresh_store, real_database, app):
    assert signin.attempt("admin", "demo-admin").status == "demo_refused"
    add_account("kepala", "admin", "rahasia-kepala-1")
    assert signin.attempt("kepala", "rahasia-kepala-1").status == "ok"
    at = open_page(app, "pages/overview.py", role=None)
    at.text_input(key="akses_username").input("admin")
    at.text_input(key="akses_password").input("demo-admin")
    at.button[0].click().run()
    assert "Akun demo tidak dapat dipakai" in at.error[0].value
    assert "python -m sinergi.access.accounts add" in at.code[0].value
    assert audit.events(event="login_refused")["username"].tolist() == ["admin", "admin"]


def test_demo_accounts_sign_in_on_synthetic_data(fresh_store):
    assert signin.attempt("admin", "demo-admin").status == "ok"


def test_login_page_lists_no_pages(app):
    at = open_page(app, "pages/overview.py", role=None)
    assert not at.exception
    assert at.text_input(key="akses_password") is not None
    assert len(at.sidebar.selectbox) == 0  # no region or round before sign-in
    assert [w.key for w in at.sidebar.get("segmented_control")] == ["shell_lang"]
    signed_in = open_page(app, "pages/overview.py", role="tamu")
    assert len(signed_in.sidebar.selectbox) >= 2


def test_plain_leaves_no_markdown():
    payload = (
        "![pelacak](http://203.0.113.9/x.png) [tautan](http://contoh.id) <img src=x> **tebal** :red[merah]"
    )
    escaped = plain(payload)
    assert re.search(r"(?<!\\)[!\[\]()<>*:]", escaped) is None  # every mark is escaped
    assert escaped.replace("\\", "") == payload


def test_imported_text_renders_as_text(app, monkeypatch):
    import sinergi.ui.data as data_layer

    image = "![pelacak](http://203.0.113.9/pixel.png)"
    original = data_layer._cached

    def tampered(name, version, key):
        frame = original(name, version, key).copy()
        for column in ("description", "scope", "resources", "action_plan", "title", "name"):
            if column in frame.columns and name in ("partners_in_region", "moa_registry"):
                frame[column] = image
        return frame

    monkeypatch.setattr(data_layer, "_cached", tampered)
    shown = []
    for page, query in (
        ("pages/partners.py", {"mitra": "MTR-009"}),
        ("pages/agreements.py", {"moa": "MOA-0201"}),
    ):
        at = open_page(app, page, role="admin", wilayah="99.02", **query)
        assert not at.exception
        texts = (
            [str(e.proto) for e in at.markdown]
            + [h.value for h in at.header]
            + [s.value for s in at.subheader]
        )
        shown += [text for text in texts if "pelacak" in text]
        assert not any(image in text for text in texts), page
    assert shown  # the payload was on the page, escaped
