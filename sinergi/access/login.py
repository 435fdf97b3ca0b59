"""Sign-in for every page: the viewer in st.session_state, the login form, inactivity expiry, the sidebar line."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import streamlit as st

from sinergi.access import audit
from sinergi.access.accounts import load_accounts, verify
from sinergi.access.policy import ROLES, Viewer
from sinergi.common.i18n import translate

VIEWER_KEY = "sinergi_viewer"  # the signed-in Viewer
SEEN_KEY = "sinergi_seen"  # epoch seconds of the viewer's last page run
NAME_KEY = "sinergi_display_name"
PAGE_KEY = "sinergi_page"  # key of the page being drawn, for the audit log
LOGGED_KEY = "sinergi_by_name_logged"  # by-name views already written to the audit log this session
EXPIRED_KEY = "sinergi_expired"


def session_minutes() -> float:
    """Return the inactivity limit in minutes: $SINERGI_SESSION_MINUTES, 30 by default."""
    try:
        return float(os.environ.get("SINERGI_SESSION_MINUTES", "30"))
    except ValueError:
        return 30.0


def sign_in(viewer: Viewer, display_name: str | None = None) -> None:
    """Put viewer in this session (after a checked password, or from tests)."""
    st.session_state[VIEWER_KEY] = viewer
    st.session_state[NAME_KEY] = display_name or viewer.username
    st.session_state[SEEN_KEY] = time.time()


def sign_out() -> None:
    """Remove the viewer and everything tied to them from this session."""
    for key in (VIEWER_KEY, SEEN_KEY, NAME_KEY, LOGGED_KEY):
        st.session_state.pop(key, None)


def session_viewer() -> Viewer | None:
    """Return the signed-in viewer without touching the inactivity clock (for the data layer)."""
    viewer = st.session_state.get(VIEWER_KEY)
    return viewer if isinstance(viewer, Viewer) and viewer.role in ROLES else None


def current_viewer() -> Viewer | None:
    """Return the signed-in viewer, or None; a session idle longer than the limit is signed out here."""
    viewer = session_viewer()
    if viewer is None:
        return None
    seen = st.session_state.get(SEEN_KEY, time.time())
    if time.time() - seen > session_minutes() * 60:
        audit.record("session_expired", viewer.username, viewer.role)
        sign_out()
        st.session_state[EXPIRED_KEY] = True
        return None
    st.session_state[SEEN_KEY] = time.time()
    return viewer


def _attempt(username: str, password: str, lang: str) -> None:
    accounts = load_accounts()
    key = username if username in accounts else audit.unknown_user_key(username)
    failures, latest = audit.recent_failures(key)
    if latest is not None:
        wait = audit.backoff_seconds(failures) - (datetime.now(UTC) - latest).total_seconds()
        if wait > 0:
            audit.record("login_throttled", key, detail={"failures": failures})
            st.error(translate("akses.login.throttled", lang, seconds=int(wait) + 1))
            return
    account = verify(username, password, accounts)
    if account is None:
        audit.record("login_failed", key, detail={"failures": failures + 1})
        st.error(translate("akses.login.failed", lang))
        return
    audit.record("login", account.username, account.role, detail={"scope": account.scope})
    sign_in(account.viewer(), account.display_name)
    st.session_state.pop(EXPIRED_KEY, None)
    st.rerun()


def login_form(lang: str) -> None:
    """Draw the sign-in form in the main area and stop the page: nothing below it runs."""
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


def refuse(viewer: Viewer, page_key: str, lang: str) -> None:
    """Tell the viewer the page is not for their role, log it, and stop the page."""
    audit.record("access_denied", viewer.username, viewer.role, page_key)
    st.error(translate("akses.page_denied", lang, role=translate(f"akses.role.{viewer.role}", lang)))
    st.stop()


def sidebar_user(viewer: Viewer, lang: str) -> None:
    """Write who is signed in (role, scope) in the sidebar, with a logout button."""
    scope = viewer.scope or translate("akses.scope_all", lang)
    st.sidebar.caption(
        translate(
            "akses.signed_in_as",
            lang,
            name=st.session_state.get(NAME_KEY, viewer.username),
            role=translate(f"akses.role.{viewer.role}", lang),
            scope=scope,
        )
    )
    if st.sidebar.button(translate("akses.logout", lang), key="akses_logout"):
        audit.record("logout", viewer.username, viewer.role)
        sign_out()
        st.rerun()
