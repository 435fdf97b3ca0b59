"""Errors as users see them: a short message with an incident id; the trace goes to the audit log only.

server.py passes `report` to st.App as on_script_error, so no stack trace or server path reaches a browser
(`client.showErrorDetails = false` in .streamlit/config.toml covers a server started another way).
"""

from __future__ import annotations

import html
import secrets
import traceback
from urllib.parse import urlencode

import streamlit as st

from sinergi.access import audit
from sinergi.access.login import PAGE_KEY, session_viewer
from sinergi.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate


def new_incident_id() -> str:
    """Return a short id a user can read out on the phone (8 hex characters)."""
    return secrets.token_hex(4).upper()


def report(error: BaseException) -> bool:
    """Log error with its trace under a new incident id and show the user a short message; return True (handled)."""
    incident = new_incident_id()
    viewer = session_viewer()
    try:
        audit.record(
            "incident",
            viewer.username if viewer else "anonim",
            viewer.role if viewer else None,
            st.session_state.get(PAGE_KEY),
            {
                "incident": incident,
                "type": type(error).__name__,
                "trace": "".join(traceback.format_exception(error)),
            },
        )
    except Exception:  # the store is down too: the message still goes out, the trace to the server log
        traceback.print_exception(error)
    lang = st.query_params.get("bahasa", DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    st.error(translate("shell.incident", lang, incident=incident))
    # The message replaces the page, sidebar included: without this link the user's only way on is the back button.
    # A relative link keeps a base path (server.baseUrlPath); the query keeps region, round and language.
    # target=_self: Streamlit opens a markdown link in a new tab, which would leave the broken page behind.
    query = urlencode(st.query_params.to_dict())
    href = html.escape("./" + ("?" + query if query else ""))
    label = html.escape(translate("shell.incident_home", lang))
    st.markdown(f'<a href="{href}" target="_self">{label}</a>', unsafe_allow_html=True)
    return True
