"""The page links in the sidebar, drawn below the shared selectors, each link carrying the selections."""

from __future__ import annotations

import html

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from sinergi.common.i18n import translate
from sinergi.ui.pages import PageSpec, pages_for
from sinergi.ui.selections import shell_params


def draw_navigation(role: str, lang: str) -> None:
    """Draw the role's pages by section, in lang, each link keeping the language, region and round."""
    params = shell_params()
    sections: dict[str, list[PageSpec]] = {}
    for spec in pages_for(role):
        sections.setdefault(spec.section, []).append(spec)
    nav = st.sidebar.container(key="sinergi_nav")
    for section, specs in sections.items():
        nav.html(f'<p class="sinergi-nav-section">{html.escape(translate(section, lang))}</p>')
        for spec in specs:
            try:
                nav.page_link(spec.file, label=translate(f"{spec.key}.title", lang), query_params=params)
            except StreamlitPageNotFoundError:
                # A fresh server ran this page file without app.py: there are no pages to link to.
                return
