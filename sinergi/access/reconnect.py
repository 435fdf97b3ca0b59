"""A download clicked as the page reconnects reaches its button (Streamlit 1.67 behind a proxy; server.py installs it).

When a browser's WebSocket comes back to a process that no longer holds its Streamlit session (the process died and
the proxy sent the browser to another one, or the disconnected session expired), the server starts a new session.
Until that session's first message reaches the browser the page still shows the old one, and a download click sends
the old session's id with the old button's file id: Streamlit refused it ("session ID mismatch"), and, accepted, no
process would hold that button's callable any more. The load test lost a download (and its audit row) this way.

Here:
- a deferred file's id carries the element id of its button after the random part (`keyed_id`; the element id is
  derived from the button's key and already sent to the browser);
- a backend request naming the Streamlit session this connection replaced (the id the browser named when it
  reconnected, in its WebSocket subprotocol header) is taken as this session's;
- a file request whose id this process does not know runs the callable this session registered for the same button,
  once the session's run has drawn it again (waiting up to REDRAW_WAIT_S).
Only the requesting session's own callables are looked at, so a click cannot reach another session's files; the
callable audits the export when it runs, once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

REDRAW_WAIT_S = (
    150.0  # the click's rerun draws the page again (a busy server: minutes); the browser waits 180 s
)
_MARK = "@"  # between the random id and the element id (a uuid hex has no "@")


def keyed_id(file_id: str, element_id: str) -> str:
    """Return the deferred file id that names its button: `<random>@<element id>` (file_id when no element)."""
    return f"{file_id}{_MARK}{element_id}" if element_id else file_id


def element_of(file_id: str) -> str | None:
    """Return the element id a keyed deferred file id names, else None."""
    _, mark, element = file_id.partition(_MARK)
    return element if mark and element else None


def replaced_session(headers: Iterable[tuple[str, str]]) -> str | None:
    """Return the Streamlit session a reconnecting browser names: the third entry of its WebSocket subprotocol
    header (the first two are "streamlit" and the XSRF token); None for a new tab."""
    for name, value in headers:
        if name.lower() == "sec-websocket-protocol":
            entries = [entry.strip() for entry in value.split(",")]
            return entries[2] if len(entries) > 2 and entries[2] else None
    return None


def _replaced_by(session_id: str) -> str | None:
    from streamlit import runtime

    client = runtime.get_instance().get_client(session_id) if runtime.exists() else None
    context = getattr(client, "client_context", None)
    return replaced_session(context.headers) if context is not None else None


def redrawn(manager: Any, session_id: str, file_id: str) -> str | None:
    """Return the id of the callable `session_id` registered for the button `file_id` names, if drawn by now."""
    element = element_of(file_id)
    if element is None:
        return None
    with manager._lock:
        for candidate in manager._deferred_ids_by_session.get(session_id, ()):
            if candidate != file_id and element_of(candidate) == element:
                return str(candidate)
    return None


def answer_clicks_across_reconnects() -> None:
    """Install the two server-side changes above. Idempotent; server.py calls it once."""
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    original_request = AppSession._handle_backend_operation_request
    if getattr(original_request, "sinergi_reconnect", False):
        return
    original_handle = DeferredFileHandler.handle

    async def accepting_the_replaced_session(self: Any, request: Any) -> None:
        if (
            request.session_id
            and request.session_id != self.id
            and request.session_id == _replaced_by(self.id)
        ):
            request.session_id = self.id  # the browser's own previous session, on its own connection
        await original_request(self, request)

    async def handle_a_stale_button(self: Any, request: Any, session_id: str) -> Any:
        manager = self._get_media_file_mgr()
        file_id = request.deferred_file.file_id
        with manager._lock:
            known = file_id in manager._deferred_callables
        deadline = time.monotonic() + REDRAW_WAIT_S
        while not known and element_of(file_id) and time.monotonic() < deadline:
            current = redrawn(manager, session_id, file_id)
            if current:
                request.deferred_file.file_id = current
                break
            await asyncio.sleep(0.25)
        return await original_handle(self, request, session_id)

    accepting_the_replaced_session.sinergi_reconnect = True  # type: ignore[attr-defined]
    AppSession._handle_backend_operation_request = accepting_the_replaced_session  # type: ignore[method-assign]
    DeferredFileHandler.handle = handle_a_stale_button  # type: ignore[method-assign]
