"""The server side of sign-in and files (sinergi.access.web): the cookie claim behind a path prefix, and uploads
taken only from a signed-in role that has an upload page."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Route
from streamlit import config

from sinergi.access import sessions
from sinergi.access.store import close_stores
from sinergi.access.web import MediaGate, session_routes

SENT = {"X-Sinergi": "1"}


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("SINERGI_STORE_URL", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    monkeypatch.setenv("SINERGI_SECRET", "uji-rahasia")
    yield
    close_stores()


@pytest.fixture(params=["", "sinergi-app"])
def base(request):
    """Served at the root, and behind a path prefix (server.baseUrlPath)."""
    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", request.param)
    yield f"/{request.param}" if request.param else ""
    config.set_option("server.baseUrlPath", before)


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str]
    content: bytes


@dataclass
class Client:
    """Drives the ASGI app in-process (starlette's TestClient needs a package this project does not install)."""

    app: Starlette
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, content: bytes = b"", json_body=None, headers=None) -> Answer:
        body = json.dumps(json_body).encode() if json_body is not None else content
        sent = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        if self.cookies:
            sent.append((b"cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()).encode()))
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
                 "headers": sent, "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 80)}  # fmt: skip
        messages = [{"type": "http.request", "body": body, "more_body": False}]
        out: list[dict] = []

        async def receive() -> dict:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            out.append(message)

        asyncio.run(self.app(scope, receive, send))
        start = next(m for m in out if m["type"] == "http.response.start")
        found = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        content = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
        return Answer(start["status"], found, content)

    def post(self, path: str, json=None, headers=None) -> Answer:
        return self.request("POST", path, json_body=json, headers=headers)

    def put(self, path: str, content: bytes = b"") -> Answer:
        return self.request("PUT", path, content=content)


def _upload_target(request) -> Response:
    return Response(b"stored", status_code=200)


@pytest.fixture
def client(fresh_store, base):
    uploads = [
        Route(f"{base}/_stcore/upload_file/{{sid}}/{{fid}}", _upload_target, methods=["PUT", "DELETE"])
    ]
    app = Starlette(routes=session_routes() + uploads, middleware=[Middleware(MediaGate)])
    return Client(app)


def _signed_in(role: str) -> str:
    session_id, expires = sessions.create(f"uji_{role}", role, None, role, False)
    return sessions.sign(session_id, expires)


def test_claim_sets_the_cookie_under_the_prefix(client, base):
    session_id, _ = sessions.create("uji", "perencana", "99.02", "Uji", False)
    answer = client.post(
        f"{base}/sinergi/session/claim", json={"code": sessions.new_claim(session_id)}, headers=SENT
    )
    assert answer.status_code == 204
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{sessions.COOKIE_NAME}=")
    assert f"Path={base or '/'};" in cookie
    assert sessions.unsign(cookie.split("=", 1)[1].split(";")[0]) == session_id


def test_claim_needs_the_header_and_a_fresh_code(client, base):
    session_id, _ = sessions.create("uji", "tamu", None, "Uji", False)
    code = sessions.new_claim(session_id)
    assert client.post(f"{base}/sinergi/session/claim", json={"code": code}).status_code == 403
    assert (
        client.post(f"{base}/sinergi/session/claim", json={"code": "tebakan"}, headers=SENT).status_code
        == 403
    )
    assert client.post(f"{base}/sinergi/session/claim", json={"code": code}, headers=SENT).status_code == 204
    assert client.post(f"{base}/sinergi/session/claim", json={"code": code}, headers=SENT).status_code == 403


def test_a_foreign_prefix_is_not_answered(client, base):
    session_id, _ = sessions.create("uji", "tamu", None, "Uji", False)
    code = sessions.new_claim(session_id)
    answer = client.post("/lain/sinergi/session/claim", json={"code": code}, headers=SENT)
    assert answer.status_code in (404, 405)
    assert "set-cookie" not in answer.headers


def test_sign_out_clears_the_cookie_under_the_prefix(client, base):
    answer = client.post(f"{base}/sinergi/session/end", headers=SENT)
    assert answer.status_code == 204
    assert f"{sessions.COOKIE_NAME}=;" in answer.headers["set-cookie"]
    assert f"Path={base or '/'};" in answer.headers["set-cookie"]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_uploads_without_a_session_are_refused(client, base, method):
    answer = client.request(method, f"{base}/_stcore/upload_file/abc/def", content=b"x" * 1000)
    assert answer.status_code == 403


@pytest.mark.parametrize("role", ["perencana", "pimpinan", "monev", "tamu"])
def test_uploads_from_roles_without_an_upload_page_are_refused(client, base, role):
    client.cookies[sessions.COOKIE_NAME] = _signed_in(role)
    assert client.put(f"{base}/_stcore/upload_file/abc/def", content=b"x").status_code == 403


def test_uploads_from_an_ended_or_forged_session_are_refused(client, base):
    token = _signed_in("admin")
    sessions.end(token.split(".")[0], "logout")
    client.cookies[sessions.COOKIE_NAME] = token
    assert client.put(f"{base}/_stcore/upload_file/abc/def", content=b"x").status_code == 403
    session_id, expires = sessions.create("uji2", "admin", None, "Uji", False)
    client.cookies[sessions.COOKIE_NAME] = f"{session_id}.{expires}.palsu"
    assert client.put(f"{base}/_stcore/upload_file/abc/def", content=b"x").status_code == 403


def test_an_admin_session_may_upload(client, base):
    client.cookies[sessions.COOKIE_NAME] = _signed_in("admin")
    answer = client.put(f"{base}/_stcore/upload_file/abc/def", content=b"x")
    assert answer.status_code == 200
    assert answer.content == b"stored"
