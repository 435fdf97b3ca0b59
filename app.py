"""Sinergi: routes the screens (st.navigation). Each page draws the shared chrome itself (sinergi.ui.context)."""

import streamlit as st

from sinergi.i18n import translate
from sinergi.ui.context import current_language
from sinergi.ui.pages import PAGES

lang = current_language()
sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(translate(spec.section, lang), []).append(
        st.Page(
            spec.file,
            title=translate(f"{spec.key}.title", lang),
            url_path=spec.url_path,
            default=spec.default,
        )
    )
st.navigation(sections).run()
