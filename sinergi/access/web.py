"""The server side of sign-in and downloads (Starlette, mounted by server.py through st.App).

- `/sinergi/session/claim` trades a one-time claim code for the HttpOnly session cookie; `/sinergi/session/end`
  clears it. Both want the `X-Sinergi` header, which a cross-site form cannot send.
- `MediaGate` answers /media/… only to a browser with a live session cookie, and a download only to the session
  that made it, within a short time (sinergi.access.exports). Nothing is served to a plain request. It also takes
  a file upload (Streamlit's /_stcore/upload_file/…, which on its own wants only a Streamlit session id) only from
  a live session of a role with an upload page: a stranger cannot fill the server's memory with files.
Behind a path prefix (Streamlit's server.baseUrlPath) every path here carries the prefix, and so does the cookie.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sinergi.access import exports, sessions
from sinergi.access.reconnect import keyed_id

_MEDIA_RE = re.compile(r"/media/([A-Za-z0-9_-]+)(\.[A-Za-z0-9]+)?$")
UPLOAD_ROLES = frozenset({"admin"})  # the roles with a page that uploads (Kelola Data)
_UPLOAD_METHODS = frozenset({"PUT", "POST", "DELETE"})


def base_path() -> str:
    """Return Streamlit's server.baseUrlPath as `/prefix`, or "" when the app is served at the root."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _media_prefix() -> str:
    return f"{base_path()}/media/"


def _cookies(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in headers:
        if name.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                found.setdefault(key, val)
    return found


def live_session(headers: list[tuple[bytes, bytes]]) -> str | None:
    """Return the session id of a request's live session cookie, else None."""
    session_id = sessions.unsign(_cookies(headers).get(sessions.COOKIE_NAME))
    return session_id if session_id and sessions.touch(session_id) else None


def upload_allowed(headers: list[tuple[bytes, bytes]]) -> bool:
    """Return True when a request carries a live session cookie of a role that may upload files."""
    session_id = sessions.unsign(_cookies(headers).get(sessions.COOKIE_NAME))
    live = sessions.touch(session_id) if session_id else None
    return live is not None and live.role in UPLOAD_ROLES


def media_allowed(path: str, headers: list[tuple[bytes, bytes]]) -> bool:
    """Return True when a /media/ request may be answered (see the module note)."""
    from streamlit import runtime
    from streamlit.runtime.media_file_storage import MediaFileKind

    session_id = live_session(headers)
    if session_id is None:
        return False
    match = _MEDIA_RE.search(path)
    if not match or not runtime.exists():
        return False
    stored = runtime.get_instance().media_file_mgr.read_file(match.group(1))
    if stored is None or stored.kind != MediaFileKind.DOWNLOADABLE:
        return True  # unknown (the route answers 404) or an image drawn on the page of a signed-in viewer
    return exports.may_serve(stored.content, session_id)


_clicked_at: dict[str, float] = {}  # deferred download id -> when its button was drawn (monotonic seconds)


def keep_fresh_downloads() -> None:
    """Keep what a download click needs in memory for exports.SERVE_SECONDS, on a busy server too.

    Streamlit 1.67 frees both at the end of any script run in the process (of any session), which on a busy server
    comes before the browser asks (the load test met both with 5-30 sessions):
    - the file a click made is tied to no session, so the next two runs delete it: the fetch gets a 404;
    - a button's callable loses its session's reference when that session's next run starts, so a click on the
      button still shown while the run draws the page gets "Deferred file … not found".
    Here a made file stays while exports.fresh says it may be fetched, and a callable stays that long after its
    button was drawn. Idempotent; server.py calls it once.
    """
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.media_file_storage import MediaFileKind

    original = MediaFileManager._get_inactive_file_ids
    if getattr(original, "sinergi_keeps_downloads", False):
        return
    add_deferred = MediaFileManager.add_deferred

    def inactive_but_fresh_downloads(self: Any) -> set[str]:
        inactive = original(self)
        kept = set()
        for file_id in inactive:
            meta = self._file_metadata.get(file_id)
            if meta is None or meta.kind != MediaFileKind.DOWNLOADABLE or not self.can_read_files:
                continue
            stored = self.read_file(file_id)  # lock-free read: the caller holds the manager's lock
            if stored is not None and exports.fresh(stored.content):
                kept.add(file_id)
        return inactive - kept

    def add_deferred_noting_when(self: Any, *args: Any, **kwargs: Any) -> str:
        file_id = add_deferred(self, *args, **kwargs)
        with self._lock:  # the cleanup below reads it under the same lock
            file_id = _name_its_button(self, file_id)
            _clicked_at[file_id] = time.monotonic()
        return file_id

    def remove_orphaned_deferred_callables(self: Any) -> None:
        # as Streamlit's, but a callable drawn less than SERVE_SECONDS ago stays (the caller holds the lock)
        active = {fid for by_coord in self._files_by_session_and_coord.values() for fid in by_coord.values()}
        now = time.monotonic()
        for file_id in [f for f in self._deferred_callables if f not in active]:
            if now - _clicked_at.get(file_id, 0.0) > exports.SERVE_SECONDS:
                self._drop_deferred_id(file_id)
                _clicked_at.pop(file_id, None)
        for file_id in [f for f in _clicked_at if f not in self._deferred_callables]:
            del _clicked_at[file_id]

    inactive_but_fresh_downloads.sinergi_keeps_downloads = True  # type: ignore[attr-defined]
    MediaFileManager._get_inactive_file_ids = inactive_but_fresh_downloads  # type: ignore[method-assign]
    MediaFileManager.add_deferred = add_deferred_noting_when  # type: ignore[method-assign]
    MediaFileManager._remove_orphaned_deferred_callables = remove_orphaned_deferred_callables  # type: ignore[method-assign]


def _name_its_button(manager: Any, file_id: str) -> str:
    # the id a reconnecting page may send to a process that never drew the button (sinergi.access.reconnect);
    # the caller holds the manager's lock
    entry = manager._deferred_callables.get(file_id)
    keyed = keyed_id(file_id, entry["element_id"]) if entry else file_id
    if keyed != file_id:
        manager._deferred_callables[keyed] = manager._deferred_callables.pop(file_id)
        ids = manager._deferred_ids_by_session[entry["session_id"]]
        ids.discard(file_id)
        ids.add(keyed)
        by_coordinates = manager._files_by_session_and_coord[entry["session_id"]]
        if by_coordinates.get(entry["coordinates"]) == file_id:
            by_coordinates[entry["coordinates"]] = keyed
    return keyed


def _upload_allowed_at(path: str, headers: list[tuple[bytes, bytes]]) -> bool:
    return upload_allowed(headers)


async def _respond(send: Any, status: int, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers or []})
    await send({"type": "http.response.body", "body": b""})


class MediaGate:
    """ASGI middleware: refuses (403) /media/ requests that media_allowed refuses and uploads upload_allowed refuses."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        check: Callable[[str, list[tuple[bytes, bytes]]], bool] | None = None
        if path.startswith(_media_prefix()):
            check = media_allowed
        elif (
            path.startswith(f"{base_path()}/_stcore/upload_file/") and scope.get("method") in _UPLOAD_METHODS
        ):
            check = _upload_allowed_at
        if check is not None:
            from anyio import to_thread

            if not await to_thread.run_sync(check, path, scope.get("headers", [])):
                await _respond(send, 403, [(b"cache-control", b"no-store")])
                return
        await self.app(scope, receive, send)


def _cookie_header(value: str, max_age: int, secure: bool) -> str:
    flags = f"; Path={base_path() or '/'}; Max-Age={max_age}; HttpOnly; SameSite=Strict"
    return f"{sessions.COOKIE_NAME}={value}{flags}{'; Secure' if secure else ''}"


def _is_secure(request: Any) -> bool:
    return (
        os.environ.get("SINERGI_COOKIE_SECURE") == "1" or request.headers.get("x-forwarded-proto") == "https"
    )


def session_routes() -> list[Any]:
    """Return the Starlette routes that set and clear the session cookie."""
    import time

    from starlette.responses import Response
    from starlette.routing import Route

    async def claim(request: Any) -> Response:
        from anyio import to_thread

        if request.headers.get("x-sinergi") != "1":
            return Response(status_code=403)
        try:
            sent = json.loads(await request.body())
            code, attempt = str(sent.get("code", ""))[:100], str(sent.get("attempt", ""))[:64]
        except (ValueError, AttributeError):
            return Response(status_code=400)
        session_id = await to_thread.run_sync(sessions.consume_claim, code, attempt)
        expires = await to_thread.run_sync(sessions.expiry_of, session_id) if session_id else None
        if not session_id or not expires:
            return Response(status_code=403)
        response = Response(status_code=204, headers={"cache-control": "no-store"})
        cookie = _cookie_header(
            sessions.sign(session_id, expires), int(expires - time.time()), _is_secure(request)
        )
        response.headers.append("set-cookie", cookie)
        return response

    async def end(request: Any) -> Response:
        if request.headers.get("x-sinergi") != "1":
            return Response(status_code=403)
        response = Response(status_code=204, headers={"cache-control": "no-store"})
        response.headers.append("set-cookie", _cookie_header("", 0, _is_secure(request)))
        return response

    def under_base(handler: Callable[[Any], Awaitable[Response]]) -> Callable[[Any], Awaitable[Response]]:
        # Behind a path prefix the browser posts to /<prefix>/sinergi/session/…; Streamlit mounts the app's own
        # routes at the root, so the prefix arrives as a path parameter and must be the configured one.
        async def prefixed(request: Any) -> Response:
            if "/" + request.path_params["prefix"].strip("/") != (base_path() or "/"):
                return Response(status_code=404)
            return await handler(request)

        return prefixed

    return [
        Route("/sinergi/session/claim", claim, methods=["POST"]),
        Route("/sinergi/session/end", end, methods=["POST"]),
        Route("/{prefix:path}/sinergi/session/claim", under_base(claim), methods=["POST"]),
        Route("/{prefix:path}/sinergi/session/end", under_base(end), methods=["POST"]),
    ]
