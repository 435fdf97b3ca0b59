"""Signed, expiring session tokens backed by the shared store (pure: no Streamlit).

A session is a random id in the store (who, role, scope, last seen, absolute expiry, ended or not). The browser
holds a cookie `sid.expiry.mac`, an HMAC-SHA256 of id and expiry with the server secret, set HttpOnly by the
server (sinergi.access.web) in exchange for a one-time claim code that the page fetches right after sign-in. So a
reload or an opened link in the same browser resumes the session, a shared link carries nothing, the idle timeout
is checked in the store on every use (by every process), and a sign-out or a disabled account ends it everywhere.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from sinergi.access.store import default_sqlite_path, store

COOKIE_NAME = "sinergi_session"
CLAIM_SECONDS = 120


def idle_seconds() -> float:
    """Return the inactivity limit: $SINERGI_SESSION_MINUTES (30 by default) in seconds."""
    try:
        return float(os.environ.get("SINERGI_SESSION_MINUTES", "30")) * 60
    except ValueError:
        return 30 * 60.0


def max_seconds() -> float:
    """Return the absolute lifetime of a session: $SINERGI_SESSION_MAX_HOURS (12 by default) in seconds."""
    try:
        return float(os.environ.get("SINERGI_SESSION_MAX_HOURS", "12")) * 3600
    except ValueError:
        return 12 * 3600.0


def _secret() -> bytes:
    # Every app process must share it: $SINERGI_SECRET in a deployment; else a key file beside the SQLite store,
    # made once with owner-only permissions (enough for processes on one host).
    configured = os.environ.get("SINERGI_SECRET")
    if configured:
        return configured.encode("utf-8")
    path = default_sqlite_path().with_name("session.key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return Path(path).read_text().strip().encode("utf-8")


def _mac(session_id: str, expires: int) -> str:
    digest = hmac.new(_secret(), f"{session_id}.{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(session_id: str, expires: int) -> str:
    """Return the cookie value for a session id and its expiry (epoch seconds)."""
    return f"{session_id}.{expires}.{_mac(session_id, expires)}"


def unsign(token: str | None, now: float | None = None) -> str | None:
    """Return the session id of a well-signed, unexpired token, else None."""
    if not token or token.count(".") != 2:
        return None
    session_id, expires, mac = token.split(".")
    if not expires.isdigit() or int(expires) <= (now or time.time()):
        return None
    return session_id if hmac.compare_digest(mac, _mac(session_id, int(expires))) else None


@dataclass(frozen=True)
class Session:
    session_id: str
    username: str
    role: str
    scope: str | None
    display_name: str
    is_demo: bool


def create(username: str, role: str, scope: str | None, display_name: str, is_demo: bool) -> tuple[str, int]:
    """Open a session in the store; return (session id, expiry in epoch seconds)."""
    now = time.time()
    session_id = secrets.token_urlsafe(32)
    expires = int(now + max_seconds())
    store().run(
        "session_insert", session_id=session_id, username=username, role=role, scope=scope,
        display_name=display_name, is_demo=int(is_demo), now=now, expires_at=expires,
    )  # fmt: skip
    return session_id, expires


def touch(session_id: str, now: float | None = None) -> Session | None:
    """Return the session when it is still live (not ended, idle less than the limit, not expired), marking it used."""
    now = now or time.time()
    rows = store().run("session_touch", session_id=session_id, now=now, idle_since=now - idle_seconds())
    if not rows:
        return None
    row = rows[0]
    return Session(
        session_id, row["username"], row["role"], row["scope"], row["display_name"], bool(row["is_demo"])
    )


def end(session_id: str, reason: str) -> tuple[str, str] | None:
    """End a session; return (username, role) when this call ended it, None when it had ended already."""
    rows = store().run("session_end", session_id=session_id, now=time.time(), reason=reason)
    return (rows[0]["username"], rows[0]["role"]) if rows else None


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def new_claim(session_id: str) -> str:
    """Return a one-time code, valid CLAIM_SECONDS, that the browser trades for the session cookie."""
    code = secrets.token_urlsafe(32)
    now = time.time()
    store().run("claim_purge", now=now)
    store().run("claim_insert", code_hash=_hash(code), session_id=session_id, expires_at=now + CLAIM_SECONDS)
    return code


def consume_claim(code: str, attempt: str = "") -> str | None:
    """Return the session id a claim code stands for, once; None when unknown, used or expired.

    `attempt` is a random id the browser makes for its claim. When the app process that redeemed a code dies
    before its answer reaches the browser, the browser asks again through the proxy, which sends it to another
    process: the same code with the same attempt id gets the same session until the code expires (a code that
    leaked without the attempt id still works only once).
    """
    now = time.time()
    with store().transaction() as run:
        rows = run("claim_consume", code_hash=_hash(code), now=now)
        if rows and attempt:  # in the same transaction: a process killed between the two changes nothing
            run("claim_insert", code_hash=_retry_hash(code, attempt), session_id=rows[0]["session_id"],
                expires_at=rows[0]["expires_at"])  # fmt: skip
    if rows:
        return str(rows[0]["session_id"])
    if not attempt:
        return None
    again = store().run("claim_repeat", code_hash=_retry_hash(code, attempt), now=now)
    return again[0]["session_id"] if again else None


def _retry_hash(code: str, attempt: str) -> str:
    return _hash(f"{code}.retry.{attempt}")


def hand_over(streamlit_session: str, session_id: str) -> None:
    """Let the Streamlit session that signed in be taken over by another app process, once, for CLAIM_SECONDS.

    Should its process die before the browser got the page with the claim code, the browser reconnects through the
    proxy to another process and names the Streamlit session it had (Streamlit's own reconnection, which within one
    process already gives that session to whoever names it): take_over signs it in there.
    """
    now = time.time()
    store().run("claim_insert", code_hash=_hash(f"handover.{streamlit_session}"), session_id=session_id,
                expires_at=now + CLAIM_SECONDS)  # fmt: skip


def take_over(streamlit_session: str) -> str | None:
    """Return the session id handed over by a Streamlit session of a process that died (hand_over), once."""
    return consume_claim(f"handover.{streamlit_session}")


def expiry_of(session_id: str) -> int | None:
    """Return the absolute expiry of a live session (for the cookie), else None."""
    live = touch(session_id)
    if live is None:
        return None
    rows = store().run("session_expiry", session_id=session_id)
    return int(rows[0]["expires_at"]) if rows else None
