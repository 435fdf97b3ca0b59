"""Files made on request (downloads): audited when made, and served only to the session that asked, for a short
time (a browser may fetch a download more than once: a range request, a retry). The registry lives in the process
that made the file, which is the process that serves it (sticky sessions).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any

from sinergi.access import audit

SERVE_SECONDS = 120  # a prepared file must be fetched this soon after the click
# (sha256 of the bytes, session id) -> made at. Keyed by both: two sessions of one role can make byte-identical
# files (a CSV carries no user stamp), and the second must not take the first one's file away from it.
_made: dict[tuple[str, str | None], float] = {}
_lock = threading.Lock()


def digest(content: bytes) -> str:
    """Return the key a file is registered under."""
    return hashlib.sha256(content).hexdigest()


def register(content: bytes, session_id: str | None) -> None:
    """Remember that session_id may fetch content, within SERVE_SECONDS."""
    now = time.time()
    with _lock:
        for key in [k for k, made in _made.items() if now - made > SERVE_SECONDS]:
            del _made[key]
        _made[(digest(content), session_id)] = now


def may_serve(content: bytes, session_id: str | None) -> bool:
    """Return True when session_id made content less than SERVE_SECONDS ago."""
    with _lock:
        made = _made.get((digest(content), session_id))
        return made is not None and time.time() - made <= SERVE_SECONDS


def fresh(content: bytes) -> bool:
    """Return True when some session made content less than SERVE_SECONDS ago (its file must stay fetchable)."""
    key = digest(content)
    now = time.time()
    with _lock:
        return any(k[0] == key and now - made <= SERVE_SECONDS for k, made in _made.items())


def on_request(
    make: Callable[[], bytes],
    who: tuple[str, str | None, str | None],
    page: str | None,
    detail: dict[str, Any],
    session_id: str | None,
) -> Callable[[], bytes]:
    """Return the callable a download button runs on click: make the bytes, audit, register them for serving.

    who is (username, role, scope). Streamlit runs the callable outside the page script, so everything it needs is
    bound here when the page draws.
    """
    username, role, scope = who

    def made() -> bytes:
        content = make()
        rows = detail.get("rows")
        audit.record(
            "export",
            username,
            role,
            page,
            {**detail, "scope": scope or "*", "rows": rows, "bytes": len(content)},
        )
        register(content, session_id)
        return content

    return made
