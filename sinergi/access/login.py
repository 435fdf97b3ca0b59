"""Sign-in for every page: the viewer in st.session_state, the login form, the session cookie, idle expiry.

The password is checked by sinergi.access.signin (throttling in the shared store). A successful sign-in opens a
session in the store and hands the browser a one-time claim code, which a small script trades for an HttpOnly
session cookie at /sinergi/session/claim (sinergi.access.web). A reload or an opened link then resumes the session
from the cookie; the idle limit is checked in the store on every page run.
"""

from __future__ import annotations

import json
import os
import time
from string import Template

import streamlit as st

from sinergi.access import audit, sessions, signin
from sinergi.access.policy import ROLES, Viewer, make_viewer
from sinergi.common.i18n import translate

VIEWER_KEY = "sinergi_viewer"  # the signed-in Viewer
SEEN_KEY = "sinergi_seen"  # epoch seconds of the viewer's last page run
NAME_KEY = "sinergi_display_name"
SESSION_KEY = "sinergi_session_id"  # the store session behind the viewer (absent for test sign-ins)
CLAIM_KEY = "sinergi_claim"  # page runs left in which to hand the browser a claim code for the cookie
CLAIM_RUNS = 3  # a fetch lost on a busy machine is made good by the next page run
FORGET_KEY = "sinergi_forget_cookie"  # the cookie is to be cleared (after a sign-out)
PAGE_KEY = "sinergi_page"  # key of the page being drawn, for the audit log
LOGGED_KEY = "sinergi_by_name_logged"  # by-name views already written to the audit log this session
EXPIRED_KEY = "sinergi_expired"
ACCOUNT_COMMAND = "python -m sinergi.access.accounts add <nama> admin"
ROUTE_PREFIX = "/sinergi/session"


def session_minutes() -> float:
    """Return the inactivity limit in minutes: $SINERGI_SESSION_MINUTES, 30 by default."""
    return sessions.idle_seconds() / 60


def sign_in(viewer: Viewer, display_name: str | None = None, session_id: str | None = None) -> None:
    """Put viewer in this session (after a checked password or a live cookie, or from tests)."""
    st.session_state[VIEWER_KEY] = viewer
    st.session_state[NAME_KEY] = display_name or viewer.username
    st.session_state[SEEN_KEY] = time.time()
    if session_id:
        st.session_state[SESSION_KEY] = session_id


def sign_out() -> None:
    """Remove the viewer and everything tied to them from this session."""
    for key in (VIEWER_KEY, SEEN_KEY, NAME_KEY, LOGGED_KEY, SESSION_KEY, CLAIM_KEY):
        st.session_state.pop(key, None)


def session_viewer() -> Viewer | None:
    """Return the signed-in viewer without touching the inactivity clock (for the data layer)."""
    viewer = st.session_state.get(VIEWER_KEY)
    return viewer if isinstance(viewer, Viewer) and viewer.role in ROLES else None


def client_address() -> str | None:
    """Return the client's address: the proxy's X-Real-IP when the peer is a trusted proxy, else the peer."""
    try:
        peer = st.context.ip_address
        headers = st.context.headers
    except Exception:  # no browser behind this run (tests)
        return None
    if not isinstance(peer, str):  # AppTest has no client
        return None
    trusted = os.environ.get("SINERGI_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
    forwarded = headers.get("X-Real-IP") if headers else None
    return forwarded if isinstance(forwarded, str) and forwarded and peer in trusted else peer


def _cookie_token() -> str | None:
    try:
        return st.context.cookies.get(sessions.COOKIE_NAME)
    except Exception:  # no browser behind this run (tests)
        return None


def restore_from_cookie() -> None:
    """Sign this Streamlit session in from a live session cookie (after a reload or an opened link)."""
    if session_viewer() is not None:
        return
    session_id = sessions.unsign(_cookie_token())
    live = sessions.touch(session_id) if session_id else None
    previous = _previous_streamlit_session() if session_id is None else None
    taken = sessions.take_over(previous) if previous else None  # signed in on a process that died since
    if taken:
        live = sessions.touch(taken)
        st.session_state[CLAIM_KEY] = CLAIM_RUNS  # the cookie this browser never got
    if live is None:
        ended = sessions.end(session_id, "idle") if session_id else None
        if ended:  # a signed cookie of a session that went idle: end it once, say so once
            audit.record("session_expired", *ended)
            st.session_state[EXPIRED_KEY] = True
            st.session_state[FORGET_KEY] = True
        return
    if live.is_demo and signin.real_data_loaded():
        sessions.end(live.session_id, "demo_on_real_data")
        return
    sign_in(make_viewer(live.username, live.role, live.scope), live.display_name, live.session_id)
    detail = {"address": client_address(), "from": "handover" if taken else "cookie"}
    audit.record("session_resumed", live.username, live.role, detail=detail)


def _previous_streamlit_session() -> str | None:
    # A browser reconnecting names the Streamlit session it had in the third entry of its WebSocket subprotocol
    # header (the first two: "streamlit", the XSRF token); a new tab names none.
    try:
        raw = st.context.headers.get("Sec-Websocket-Protocol")
    except Exception:  # no browser behind this run (tests)
        return None
    entries = [entry.strip() for entry in raw.split(",")] if isinstance(raw, str) else []
    return entries[2] if len(entries) > 2 and entries[2] else None


def _streamlit_session() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


def _expire(viewer: Viewer) -> None:
    session_id = st.session_state.get(SESSION_KEY)
    ended = sessions.end(session_id, "idle") if session_id else (viewer.username, viewer.role)
    if ended:  # another process may have ended it first: one audit row
        audit.record("session_expired", viewer.username, viewer.role)
    sign_out()
    st.session_state[EXPIRED_KEY] = True
    st.session_state[FORGET_KEY] = True


def current_viewer() -> Viewer | None:
    """Return the signed-in viewer, or None; a session idle longer than the limit is signed out here."""
    restore_from_cookie()
    viewer = session_viewer()
    if viewer is None:
        return None
    session_id = st.session_state.get(SESSION_KEY)
    idle = time.time() - st.session_state.get(SEEN_KEY, time.time()) > sessions.idle_seconds()
    if idle or (session_id and sessions.touch(session_id) is None):
        _expire(viewer)
        return None
    st.session_state[SEEN_KEY] = time.time()
    return viewer


# The browser's side of the claim. It asks again when the answer does not come (the app process behind the proxy
# died: the proxy sends the next try to a live one, which finds the code in the shared store) and sends a random
# attempt id, so that a code redeemed by a process that died before answering is answered again (sessions.consume_
# claim). `sinergiClaim` tells the sign-in form drawn by another process after such a death that the cookie came:
# the page then reloads and the new process signs the browser in from the cookie.
_CLAIM_JS = Template("""(() => {
  const state = window.sinergiClaim = window.sinergiClaim || {ok: false, waiting: []};
  const attempt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"));
  const body = JSON.stringify({code: $code, attempt: attempt.join("")});
  const send = async () => {
    for (let wait = 500; wait < 60000; wait *= 2) {
      try {
        const answer = await fetch($url, {method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-Sinergi": "1"}, body: body});
        if (answer.ok) return true;
        if (answer.status < 500) return false;
      } catch (error) {}
      await new Promise((done) => setTimeout(done, wait));
    }
    return false;
  };
  send().then((ok) => { if (ok) { state.ok = true; state.waiting.splice(0).forEach((go) => go()); } });
})();""")
_RESUME_JS = """(() => {
  const state = window.sinergiClaim;
  if (state) { state.ok ? location.reload() : state.waiting.push(() => location.reload()); }
})();"""
_FORGET_JS = Template("""window.sinergiClaim = undefined;
fetch($url, {method: "POST", credentials: "same-origin", headers: {"X-Sinergi": "1"}});""")


def _route(name: str) -> str:
    base = "/" + st.get_option("server.baseUrlPath").strip("/")
    return f"{base.rstrip('/')}{ROUTE_PREFIX}/{name}"


def _script(source: str) -> None:
    st.html(f"<script>{source}</script>", unsafe_allow_javascript=True)


def cookie_script() -> None:
    """Trade a claim code for the session cookie (in the first page runs after sign-in), or clear the cookie after
    a sign-out. The code is made as the script is drawn, so its minute starts when the browser gets it."""
    runs = st.session_state.pop(CLAIM_KEY, 0)
    session_id = st.session_state.get(SESSION_KEY)
    code = sessions.new_claim(session_id) if runs and session_id else None
    if code and runs > 1:
        st.session_state[CLAIM_KEY] = runs - 1
    forget = st.session_state.pop(FORGET_KEY, False)
    if code:
        # the code is a one-time value of our own (url-safe base64); json.dumps quotes it and the URL for the script
        _script(_CLAIM_JS.substitute(code=json.dumps(code), url=json.dumps(_route("claim"))))
    elif forget:
        _script(_FORGET_JS.substitute(url=json.dumps(_route("end"))))
    elif session_viewer() is None:
        _script(_RESUME_JS)


def _attempt(username: str, password: str, lang: str) -> None:
    outcome = signin.attempt(username, password, client_address())
    if outcome.status == "throttled":
        st.error(translate("akses.login.throttled", lang, seconds=outcome.wait_seconds))
    elif outcome.status == "failed":
        st.error(translate("akses.login.failed", lang))
    elif outcome.status == "demo_refused":
        st.error(translate("akses.login.demo_refused", lang))
        st.code(ACCOUNT_COMMAND, language="bash")
    elif outcome.account is not None and outcome.session_id is not None:
        account = outcome.account
        sign_in(account.viewer(), account.display_name, outcome.session_id)
        streamlit_session = _streamlit_session()
        if streamlit_session:
            sessions.hand_over(streamlit_session, outcome.session_id)
        st.session_state[CLAIM_KEY] = CLAIM_RUNS
        st.session_state.pop(EXPIRED_KEY, None)
        st.rerun()


def login_form(lang: str) -> None:
    """Draw the sign-in form in the main area and stop the page: nothing below it runs."""
    cookie_script()
    st.title(translate("akses.login.title", lang))
    if st.session_state.get(EXPIRED_KEY):
        st.info(translate("akses.login.expired", lang, minutes=int(session_minutes())))
    with st.form("akses_login", clear_on_submit=True):
        username = st.text_input(translate("akses.login.username", lang), key="akses_username", max_chars=64)
        password = st.text_input(
            translate("akses.login.password", lang), type="password", key="akses_password", max_chars=128
        )
        submitted = st.form_submit_button(translate("akses.login.submit", lang), type="primary")
    if submitted:
        _attempt((username or "").strip().lower(), password or "", lang)
    st.caption(translate("akses.login.note", lang))
    st.stop()


def refuse(viewer: Viewer, page_key: str, lang: str, allowed: tuple[str, ...] = ()) -> None:
    """Tell the viewer the page is not for their role and which roles it is for, log it, and stop the page."""
    audit.record("access_denied", viewer.username, viewer.role, page_key)
    role = translate(f"akses.role.{viewer.role}", lang)
    if allowed:
        roles = ", ".join(translate(f"akses.role.{r}", lang) for r in allowed)
        st.error(translate("akses.page_only_for", lang, roles=roles, role=role))
    else:
        st.error(translate("akses.page_denied", lang, role=role))
    st.stop()


def plain(text: object) -> str:
    """Return text with Markdown and HTML characters escaped, for names and other text people typed."""
    out = str(text)
    for char in "\\`*_{}[]()<>#+-.!|~$":
        out = out.replace(char, "\\" + char)
    return out


def sidebar_user(viewer: Viewer, lang: str) -> None:
    """Write who is signed in (role, scope) in the sidebar, with a logout button."""
    scope = viewer.scope or translate("akses.scope_all", lang)
    st.sidebar.caption(
        translate(
            "akses.signed_in_as",
            lang,
            name=plain(st.session_state.get(NAME_KEY, viewer.username)),
            role=translate(f"akses.role.{viewer.role}", lang),
            scope=scope,
        )
    )
    if st.sidebar.button(translate("akses.logout", lang), key="akses_logout"):
        session_id = st.session_state.get(SESSION_KEY)
        if session_id:
            sessions.end(session_id, "logout")
        audit.record("logout", viewer.username, viewer.role)
        sign_out()
        st.session_state[FORGET_KEY] = True
        st.rerun()
