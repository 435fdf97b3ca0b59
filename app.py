"""Sinergi: routes the screens (st.navigation). Each page draws the shared chrome itself (sinergi.ui.context).

Serve it with `streamlit run server.py`, which adds the session cookie, the download gate and the incident handler.
"""

import streamlit as st

from sinergi.access.login import restore_from_cookie, session_viewer
from sinergi.common.i18n import translate
from sinergi.ui.context import current_language
from sinergi.ui.pages import pages_for

lang = current_language()
restore_from_cookie()  # a reload or an opened link in a signed-in browser: list the role's pages at once
viewer = session_viewer()
sections: dict[str, list] = {}
# Only the pages the signed-in role may use; page_context refuses the others too (deep links by file name).
for spec in pages_for(viewer.role if viewer else None):
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
