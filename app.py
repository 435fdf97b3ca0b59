"""Sinergi: routes the screens (st.navigation). Each page draws the shared chrome itself (sinergi.ui.context).

Serve it with `streamlit run server.py`, which adds the session cookie, the download gate and the incident handler.
"""

import streamlit as st

from sinergi.access.login import restore_from_cookie
from sinergi.common.i18n import translate
from sinergi.ui.context import current_language
from sinergi.ui.pages import pages_for

lang = current_language()
restore_from_cookie()  # a reload or an opened link in a signed-in browser: signed in before the page runs
sections: dict[str, list] = {}
# Every page is routed, also for a role that may not use it: opening /kelola-data as monev then runs that page,
# whose page_context says it is only for admin (walk1 item 13: unrouted, the link fell back to Beranda without a
# word). page_context refuses before any data is read; the sidebar links only the role's pages.
for spec in pages_for(None):
    sections.setdefault(translate(spec.section, lang), []).append(
        st.Page(
            spec.file,
            title=translate(f"{spec.key}.title", lang),
            url_path=spec.url_path,
            default=spec.default,
        )
    )
# Hidden: page_context draws the links below the language, region and round selectors, in the chosen language and
# carrying those selections (st.navigation's own links would open a page without them).
st.navigation(sections, position="hidden").run()
