"""Sign-in under AppTest: the login form guards every page, roles and scopes hold, passwords never stored."""

import json
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT, click_download, open_page, sign_in
from streamlit.testing.v1 import AppTest

from sinergi.access import audit
from sinergi.access.accounts import add_account, load_accounts, verify
from sinergi.access.login import SEEN_KEY, VIEWER_KEY

DEMO_PASSWORDS = {role: f"demo-{role}" for role in ("admin", "perencana", "pimpinan", "monev", "tamu")}


@pytest.fixture
def audit_db(tmp_path, monkeypatch):
    path = tmp_path / "audit.sqlite3"
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(path))
    return path


def _login(at, username, password):
    at.text_input(key="akses_username").input(username)
    at.text_input(key="akses_password").input(password)
    at.button[0].click().run()
    return at


def _audit_text(path) -> str:
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type = 'table'")]
        return "\n".join(" ".join(map(str, row)) for t in tables for row in con.execute(f"select * from {t}"))


def test_demo_accounts_are_hashed_and_verify():
    accounts = load_accounts()
    assert set(accounts) == set(DEMO_PASSWORDS)
    for name, password in DEMO_PASSWORDS.items():
        assert accounts[name].password_hash.startswith("$2b$12$") and accounts[name].is_demo
        assert verify(name, password) == accounts[name]
        assert verify(name, password + "x") is None
    assert accounts["perencana"].scope == accounts["pimpinan"].scope == "99.02"


def test_signed_out_page_shows_only_the_login_form(app):
    at = open_page(app, "pages/overview.py", role=None)
    assert not at.exception
    assert at.text_input(key="akses_password") is not None
    assert len(at.metric) == 0 and len(at.dataframe) == 0
    assert at.title[0].value == "Masuk ke Sinergi"


def test_login_logout_and_passwords_never_stored(app, audit_db):
    at = open_page(app, "pages/overview.py", role=None)
    _login(at, "perencana", "wrong-password-123")
    assert "salah" in at.error[0].value and len(at.metric) == 0
    _login(at, "demo-perencana", "demo-perencana")  # a password typed into the username field
    _login(at, "perencana", DEMO_PASSWORDS["perencana"])
    assert not at.exception
    assert len(at.metric) == 8
    assert at.query_params["wilayah"] == "99.02"
    assert "perencana" in at.sidebar.caption[0].value
    text = _audit_text(audit_db)
    assert "demo-perencana" not in text and "wrong-password-123" not in text
    events = audit.events()["event"].tolist()
    assert events[:3] == ["login", "login_failed", "login_failed"]
    at.sidebar.button(key="akses_logout").click().run()
    assert len(at.metric) == 0 and at.text_input(key="akses_password") is not None
    assert audit.events()["event"].tolist()[0] == "logout"


def test_repeated_failures_slow_down(app, audit_db):
    from sinergi.access import signin

    # ten failures long ago: the next one sets a 300-s wait, however slowly this machine runs the form
    for step in range(10):
        signin.take_turn([("user:admin", signin.USER_FREE)], now=time.time() - 3500 + 301 * step)
    at = open_page(app, "pages/overview.py", role=None)
    _login(at, "admin", "nope-nope")
    _login(at, "admin", DEMO_PASSWORDS["admin"])  # right password, but within the wait
    assert "Coba lagi" in at.error[0].value and len(at.metric) == 0
    assert audit.events()["event"].tolist()[0] == "login_throttled"
    assert [audit.backoff_seconds(n) for n in (0, 2, 3, 4, 5, 20)] == [0, 0, 2, 4, 8, 300]


def test_idle_session_expires(app, audit_db):
    sign_in(app, "monev")
    app.session_state[SEEN_KEY] = time.time() - 31 * 60
    app.run()
    assert len(app.metric) == 0 and app.text_input(key="akses_password") is not None
    assert VIEWER_KEY not in app.session_state
    assert "berakhir" in app.info[0].value


def test_scoped_role_cannot_reach_another_kabupaten(app):
    at = open_page(app, "pages/overview.py", role="pimpinan", wilayah="99.05")
    assert not at.exception
    assert at.query_params["wilayah"] == "99.02"
    assert len(at.sidebar.selectbox(key="shell_kabupaten").options) == 1


def test_data_layer_refuses_regions_outside_the_scope(app):
    def script():
        from sinergi.ui.data import load

        load("region_by_code", region="99.05")

    page = sign_in(AppTest.from_function(script), "perencana")
    page.run()
    assert "outside the scope" in page.exception[0].message
    signed_out = AppTest.from_function(script)
    signed_out.run()
    assert "not signed in" in signed_out.exception[0].message


@pytest.mark.parametrize("role", ["perencana", "pimpinan", "monev", "tamu"])
def test_admin_pages_hidden_and_refused_to_other_roles(app, role):
    at = open_page(app, "pages/overview.py", role=role)
    links = [link.proto.page for link in at.sidebar.get("page_link")]
    assert links and not any("audit_log" in link for link in links)  # no link to it in the sidebar
    # opened anyway (a typed or shared URL): routed, so it says whom it is for instead of landing on Beranda
    # without a word (walk1 item 13), and stops before any data
    at.switch_page("pages/audit_log.py")
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 0 and [e.value for e in at.error] == [
        f"Halaman ini hanya untuk admin; Anda masuk sebagai {role}."
    ]
    # a fresh server runs pages/audit_log.py itself (deep link by file name): page_context refuses
    page = sign_in(AppTest.from_file(str(ROOT / "pages" / "audit_log.py"), default_timeout=30), role)
    page.run()
    assert not page.exception
    assert len(page.dataframe) == 0 and len(page.error) == 1


def test_admin_sees_audit_log_and_accounts(app, audit_db):
    audit.record("login", "perencana", "perencana")
    at = open_page(app, "pages/audit_log.py")
    assert not at.exception and len(at.dataframe) == 1
    assert "perencana" in at.dataframe[0].value.to_string()
    at = open_page(app, "pages/accounts.py")
    assert not at.exception
    assert "$2b$" not in at.dataframe[0].value.to_string()
    assert "admin" in at.dataframe[0].value.to_string()


def test_cli_adds_a_hashed_account(audit_db):
    env = {"SINERGI_AUDIT_DB": str(audit_db), "PATH": ""}

    def cli(*args: str, password: str = "rahasia-budi-1") -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "sinergi.access.accounts", *args]
        return subprocess.run(command, input=password + "\n", capture_output=True, text=True, env=env)

    done = cli("add", "budi", "pimpinan", "--scope", "99.05")
    assert done.returncode == 0, done.stderr
    assert "rahasia-budi-1" not in _audit_text(audit_db) + done.stdout + done.stderr
    assert verify("budi", "rahasia-budi-1").scope == "99.05"
    assert not verify("budi", "rahasia-budi-1").is_demo
    assert cli("add", "siti", "tamu", password="x" * 73).returncode == 2  # over bcrypt's 72 bytes
    assert cli("add", "siti", "tamu", password="pendek").returncode == 2
    assert "budi\tpimpinan\t99.05" in cli("list").stdout
    with pytest.raises(ValueError, match="exists"):
        add_account("budi", "tamu", "x" * 12)
    assert cli("disable", "budi").returncode == 0
    assert verify("budi", "rahasia-budi-1") is None


def test_exports_are_stamped_suppressed_and_logged(app, audit_db):
    at = open_page(app, "pages/overview.py", role="monev", wilayah="99.02")
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == 2
    names = [b.proto.label for b in buttons]
    assert names == ["Unduh Excel", "Unduh CSV"]
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons)  # nothing made before a click
    assert audit.events(event="export").empty
    content = click_download(buttons[1])
    assert content.decode("utf-8-sig").count("\n") >= 2
    event = audit.events().iloc[0]
    assert (event["event"], event["username"], event["role"]) == ("export", "test-monev", "monev")
    detail = json.loads(event["detail"])
    assert detail["scope"] == "*" and detail["format"] == "csv" and detail["region"] == "99.02"
    assert detail["rows"] == content.decode("utf-8-sig").strip().count("\n")
    assert "test-monev" in detail["file"]


def test_by_name_views_are_logged_once(app, audit_db, monkeypatch):
    import pandas as pd

    import sinergi.ui.data as data_layer

    frame = pd.DataFrame(
        {"household_id": ["A"], "head_name": ["Yohanes Lamak"], "head_nik": ["9902010101900001"]}
    )
    monkeypatch.setattr(data_layer, "_cached", lambda name, version, key: frame)

    def script():
        from sinergi.ui.data import load

        load("region_by_code", region="99.02")
        load("region_by_code", region="99.02")

    for role, logged in (("perencana", 1), ("pimpinan", 0)):
        page = sign_in(AppTest.from_function(script), role)
        page.run()
        assert not page.exception
        got = audit.events(event="by_name_view")
        assert (got["role"] == role).sum() == logged
