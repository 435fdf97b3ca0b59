"""Serve Sinergi: `streamlit run server.py` (one process; see docs/deploy.md for several behind a proxy).

app.py routes the pages; this wraps it with the session-cookie routes, the gate in front of /media/ (no file
without a live session, a download only to the session that asked) and the incident handler (no trace to the
browser). Starting app.py directly would run without them.
"""

import streamlit as st
from starlette.middleware import Middleware

from sinergi.access.incident import report
from sinergi.access.reconnect import answer_clicks_across_reconnects
from sinergi.access.web import MediaGate, keep_fresh_downloads, session_routes

keep_fresh_downloads()  # a download made on click stays fetchable for its short window (see the function)
answer_clicks_across_reconnects()  # a download clicked as the page reconnects still gives its file
app = st.App("app.py", routes=session_routes(), middleware=[Middleware(MediaGate)], on_script_error=report)
