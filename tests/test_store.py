"""The shared store, the same tests on SQLite (always) and PostgreSQL (where Debian's pg_ctl is installed): audit
log, accounts, atomic login throttling (N parallel guesses cost N backoffs), sessions and one-time claims."""

from __future__ import annotations

import multiprocessing
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from sinergi.access import audit, sessions, signin
from sinergi.access.accounts import add_account, verify
from sinergi.access.store import (
    DDL_WORDS,
    close_stores,
    migration_files,
    migration_statements,
    open_store,
    store,
)
from sinergi.access.store.pgcluster import pg_bin

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(pg_bin() is None, reason="no pg_ctl")),
]


@pytest.fixture(scope="module")
def pg_server():
    from sinergi.access.store.pgcluster import pg_cluster

    with pg_cluster() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path, monkeypatch):
    """Point the store at a fresh SQLite file or a fresh PostgreSQL database; yield the dialect."""
    if request.param == "postgres":
        import psycopg

        server = request.getfixturevalue("pg_server")
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"create database {name}")
        monkeypatch.setenv("SINERGI_STORE_URL", server.rsplit("/", 1)[0] + "/" + name)
    else:
        monkeypatch.setenv("SINERGI_STORE_URL", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield request.param
    close_stores()


def test_migrations_apply_once(backend):
    assert store().migrate() == []  # store() applied them already
    assert open_store(store().url).migrate() == []


def test_one_migration_source_spelled_per_dialect(backend):
    # the file's {words} become each dialect's DDL; epoch seconds keep sub-second precision (float4 would round
    # 1764572400.25 to 1764572416) and audit ids ascend on both back-ends
    for dialect in DDL_WORDS:
        assert not any("{" in s for path in migration_files() for s in migration_statements(path, dialect))
    moment = 1764572400.25
    store().run(
        "session_insert", session_id="s1", username="budi", role="tamu", scope=None, display_name="Budi",
        is_demo=0, now=moment, expires_at=moment + 0.5,
    )  # fmt: skip
    assert store().run("session_expiry", session_id="s1") == [{"expires_at": moment + 0.5}]
    audit.record("login", "budi", "tamu")
    audit.record("logout", "budi", "tamu")
    everything = dict(start=None, end_before=None, username=None, event=None, row_limit=10)
    ids = [row["event_id"] for row in store().run("audit_events", **everything)]  # newest first
    assert len(ids) == 2 and ids[0] > ids[1]


def test_audit_round_trip_and_filters(backend):
    audit.record("login", "budi", "perencana", detail={"scope": "99.02"})
    audit.record("export", "budi", "perencana", "beranda", {"rows": 3})
    audit.record("login", "siti", "tamu")
    assert audit.events()["event"].tolist() == ["login", "export", "login"]
    assert audit.events(username="budi", event="export")["page"].tolist() == ["beranda"]
    assert audit.events(limit=1)["username"].tolist() == ["siti"]
    with pytest.raises(ValueError):
        audit.record("nonsense", "budi")


def test_accounts_in_the_store(backend):
    add_account("budi", "perencana", "rahasia-budi-1", "99.05", "Budi")
    assert verify("budi", "rahasia-budi-1").scope == "99.05"
    assert verify("budi", "salah-salah-1") is None
    assert verify("budi", "x" * 200) is None  # over 72 bytes: a failure, not a crash
    with pytest.raises(ValueError, match="exists"):
        add_account("budi", "tamu", "rahasia-budi-1")


def _guess(key: str) -> int:
    return signin.take_turn([(key, signin.USER_FREE)])[0]


@pytest.mark.parametrize("after_backoff", [False, True])
def test_parallel_guesses_cost_one_backoff_each(backend, after_backoff):
    key = "user:admin"
    if after_backoff:  # the finding: once a wait has passed, 20 guesses at once all went through
        for _ in range(5):
            signin.take_turn([(key, signin.USER_FREE)], now=time.time() - 400)
    with ThreadPoolExecutor(20) as pool:
        waits = list(pool.map(_guess, [key] * 20))
    let_through = sum(1 for w in waits if w == 0)
    assert let_through == (1 if after_backoff else signin.USER_FREE)
    assert all(w > 0 for w in waits if w) and len(waits) == 20


def _guess_in_process(url: str) -> int:
    import os

    os.environ["SINERGI_STORE_URL"] = url
    return _guess("user:admin")


def test_parallel_guesses_from_several_processes(backend):
    # ten failures long ago, the last wait over: the next guess goes through and sets a 300-s wait, so however
    # slowly the processes start on a busy machine, exactly one of the twelve gets through
    for step in range(10):
        signin.take_turn([("user:admin", signin.USER_FREE)], now=time.time() - 3500 + 301 * step)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        waits = pool.map(_guess_in_process, [store().url] * 12)
    assert sum(1 for w in waits if w == 0) == 1


def _redeem_in_process(url: str, code: str, attempt: str) -> str | None:
    import os

    os.environ["SINERGI_STORE_URL"] = url
    return sessions.consume_claim(code, attempt)


def test_a_claim_redeemed_by_a_process_that_died_is_answered_by_another(backend):
    # The app process that redeemed the code died before its answer reached the browser; the browser asks again
    # with the same attempt id, the proxy sends it to another process (here: another OS process on the same store).
    session_id, _ = sessions.create("budi", "perencana", "99.05", "Budi", False)
    code = sessions.new_claim(session_id)
    assert sessions.consume_claim(code, "percobaan-1") == session_id
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        assert pool.apply(_redeem_in_process, (store().url, code, "percobaan-1")) == session_id
        assert pool.apply(_redeem_in_process, (store().url, code, "percobaan-lain")) is None
    assert sessions.consume_claim(code) is None  # the code alone still works once
    fresh = sessions.new_claim(
        session_id
    )  # a code never redeemed is redeemed by the first attempt, not a retry
    assert sessions.consume_claim(fresh, "percobaan-2") == session_id
    assert sessions.consume_claim(fresh, "percobaan-1") is None


def _take_over_in_process(url: str, streamlit_session: str) -> str | None:
    import os

    os.environ["SINERGI_STORE_URL"] = url
    return sessions.take_over(streamlit_session)


def test_a_sign_in_is_taken_over_once_by_another_process(backend):
    session_id, _ = sessions.create("budi", "perencana", "99.05", "Budi", False)
    sessions.hand_over("streamlit-sesi-1", session_id)
    assert sessions.take_over("streamlit-sesi-lain") is None
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        assert pool.apply(_take_over_in_process, (store().url, "streamlit-sesi-1")) == session_id
    assert sessions.take_over("streamlit-sesi-1") is None  # once
    assert sessions.consume_claim("streamlit-sesi-1") is None  # a Streamlit session id is no claim code


def test_a_retried_claim_ends_with_the_code(backend, monkeypatch):
    session_id, _ = sessions.create("budi", "perencana", "99.05", "Budi", False)
    code = sessions.new_claim(session_id)
    assert sessions.consume_claim(code, "percobaan-1") == session_id
    later = time.time() + sessions.CLAIM_SECONDS + 1
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    assert sessions.consume_claim(code, "percobaan-1") is None


def test_address_throttle_spans_usernames(backend):
    waits = [signin.take_turn(signin.throttle_keys(f"user{i}", "10.0.0.7"))[0] for i in range(12)]
    assert waits[: signin.ADDRESS_FREE] == [0] * signin.ADDRESS_FREE and waits[-1] > 0
    assert signin.take_turn(signin.throttle_keys("user1", "10.0.0.8"))[0] == 0  # another address goes on
    assert signin.throttle_keys("user1", "127.0.0.1") == [("user:user1", signin.USER_FREE)]  # no proxy header


def test_sessions_idle_end_and_claims(backend, monkeypatch):
    session_id, expires = sessions.create("budi", "perencana", "99.05", "Budi", False)
    token = sessions.sign(session_id, expires)
    assert sessions.unsign(token) == session_id
    assert sessions.unsign(token[:-2] + "xx") is None  # tampered
    assert sessions.unsign(sessions.sign(session_id, int(time.time()) - 1)) is None  # expired
    live = sessions.touch(session_id)
    assert (live.username, live.role, live.scope) == ("budi", "perencana", "99.05")
    assert sessions.touch(session_id, now=time.time() + 31 * 60) is None  # idle past the limit
    code = sessions.new_claim(session_id)
    assert sessions.consume_claim(code) == session_id
    assert sessions.consume_claim(code) is None  # once
    assert sessions.end(session_id, "logout") == ("budi", "perencana")
    assert sessions.end(session_id, "logout") is None  # one audit row for one end
    assert sessions.touch(session_id) is None
