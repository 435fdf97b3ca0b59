"""One sign-in attempt (pure: no Streamlit): throttling in the shared store, the password check, demo accounts.

Throttling is pessimistic and atomic: an attempt first takes its turn in the store (one transaction that holds the
write lock on SQLite, row locks on PostgreSQL) and is counted as a failure before the password is checked; a right
password clears the username's count afterwards. So N guesses sent at once, to one process or to several, cost N
backoffs: the ones after the free attempts find the wait already set by the one before them.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

from sinergi.access import audit, sessions
from sinergi.access.accounts import Account, verify
from sinergi.access.store import store
from sinergi.data import db

USER_FREE = 3  # failures per username before the waits start (then 2, 4, 8 ... 300 s)
ADDRESS_FREE = 10  # per client address: an office behind one NAT mistypes too
WINDOW_SECONDS = 3600  # failures older than this are forgotten


@dataclass(frozen=True)
class Outcome:
    status: str  # ok, failed, throttled, demo_refused
    account: Account | None = None
    wait_seconds: int = 0
    session_id: str | None = None


def throttle_keys(username_key: str, address: str | None) -> list[tuple[str, int]]:
    """Return the throttle keys of an attempt with their free failures (sorted: one lock order everywhere).

    A loopback address gets no key of its own: it is a local tool, or a proxy that did not pass X-Real-IP, and one
    key for everyone behind it would let ten wrong guesses lock every user out."""
    keys = [(f"user:{username_key}", USER_FREE)]
    if address and not _is_loopback(address):
        keys.append((f"addr:{address}", ADDRESS_FREE))
    return sorted(keys)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:  # not an IP address (a socket path): a key of its own
        return False


def take_turn(keys: list[tuple[str, int]], now: float | None = None) -> tuple[int, int]:
    """Return (seconds to wait, failures so far) for an attempt; when the wait is 0 the attempt is counted."""
    with store().transaction() as run:
        now = (
            now or time.time()
        )  # read once the lock is held: an earlier clock would see a later wait as pending
        seen = []
        for key, free in keys:
            run("throttle_ensure", throttle_key=key)
            row = run("throttle_get", throttle_key=key)[0]
            failures = row["failures"] if now - row["last_failure_at"] < WINDOW_SECONDS else 0
            seen.append((key, free, failures, row["next_allowed_at"] - now))
        wait = max(w for *_, w in seen)
        if wait > 0:
            return int(wait) + 1, max(f for _, _, f, _ in seen)
        for key, free, failures, _ in seen:
            run(
                "throttle_set", throttle_key=key, failures=failures + 1, last_failure_at=now,
                next_allowed_at=now + audit.backoff_seconds(failures + 1, free),
            )  # fmt: skip
        return 0, seen[0][2]


def clear_turns(username_key: str) -> None:
    """Forget a username's failures after a right password (the address count decays on its own)."""
    with store().transaction() as run:
        run(
            "throttle_set",
            throttle_key=f"user:{username_key}",
            failures=0,
            last_failure_at=0,
            next_allowed_at=0,
        )


def real_data_loaded() -> bool:
    """Return True when the database holds a real import (dataset_info.is_synthetic is not 'true')."""
    if not db.database_path().exists():
        return False  # the demo database is still being built
    info = dict(db.run_query("dataset_info").itertuples(index=False, name=None))
    return bool(info.get("is_synthetic", "true") != "true")


def attempt(username: str, password: str, address: str | None = None) -> Outcome:
    """Check one sign-in; write its audit event; open a session in the store when it succeeds."""
    from sinergi.access.accounts import find_account

    known = find_account(username) is not None
    key = username if known else audit.unknown_user_key(username)
    wait, failures = take_turn(throttle_keys(key, address))
    detail = {"failures": failures + (0 if wait else 1), "address": address}
    if wait:
        audit.record("login_throttled", key, detail={**detail, "wait_s": wait})
        return Outcome("throttled", wait_seconds=wait)
    account = verify(username, password)
    if account is None:
        audit.record("login_failed", key, detail=detail)
        return Outcome("failed")
    if account.is_demo and real_data_loaded():
        audit.record("login_refused", account.username, account.role, detail={"reason": "demo_on_real_data"})
        return Outcome("demo_refused", account)
    clear_turns(key)
    session_id, _ = sessions.create(
        account.username, account.role, account.scope, account.display_name, account.is_demo
    )
    audit.record("login", account.username, account.role, detail={"scope": account.scope, "address": address})
    return Outcome("ok", account, session_id=session_id)
