"""The shared guard and chrome every page calls first (`page_context`): page config, stylesheet, database, sign-in
guard, and the sidebar's selectors (sinergi.ui.sidebar), returned as the page's PageContext. The database start
(demo build, summary refresh) lives in sinergi.ui.startup; its names stay importable from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from sinergi.access.login import PAGE_KEY, cookie_script, current_viewer, login_form, refuse, sidebar_user
from sinergi.common.i18n import translate
from sinergi.data.dataset_info import is_synthetic_region, region_as_of
from sinergi.ui.data import load
from sinergi.ui.memory import freeze_once
from sinergi.ui.navigation import draw_navigation
from sinergi.ui.pages import page_roles
from sinergi.ui.sidebar import current_language, data_notice, language_switch, region_selector, round_selector
from sinergi.ui.startup import DemoBuild, ensure_database, start_database

__all__ = [
    "DemoBuild",
    "PageContext",
    "current_language",
    "ensure_database",
    "page_context",
    "start_database",
]

# Headline values must fit four to a row on a 1366-pixel projector; printing drops the sidebar and toolbar.
_CSS = """
[data-testid="stMetricValue"] { font-size: 1.9rem; }
/* A tile's label and value wrap rather than ending in "…": "Extreme-poor households (r…" hid whether it was the
   register or the survey, the one word that tells two tiles apart, and "IDR 16.8 bill…" the unit. */
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] div {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
.sinergi-nav-section { margin: 0.6rem 0 0 0; font-size: 0.85rem; font-weight: 600; color: rgba(49, 51, 63, 0.6); }
/* A script-only st.html (the session cookie claim, drawn in the first runs after sign-in) is invisible but still
   takes a block gap: when it went, everything below moved up 16 px between two clicks on the map. */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stToolbar"], [data-testid="stHeader"] { display: none !important; }
}
"""


@dataclass(frozen=True)
class PageContext:
    lang: str
    region_code: str  # the deepest selected region (province, kabupaten or kecamatan)
    region_name: str
    region_level: str
    kabupaten_code: str | None
    round_id: int
    round_name: str
    baseline_round_id: int
    as_of: date  # the dataset's as-of date: the one "today" of every figure (deadlines, active, counted)
    round_as_of: date  # the date that stands for the round: end of its fieldwork, never after as_of
    is_synthetic: bool

    def t(self, key: str, **values: object) -> str:
        """Return the label for key in the page's language."""
        return translate(key, self.lang, **values)

    @property
    def params(self) -> dict[str, object]:
        """Return the shared selections as query parameters: region, round, baseline round and as-of date."""
        return {
            "region": self.region_code,
            "round_id": self.round_id,
            "baseline_round_id": self.baseline_round_id,
            "as_of": self.as_of,
        }


def page_context(page_key: str) -> PageContext:
    """Set up the page (config, database, sign-in guard, sidebar chrome) and return the shared selections.

    Without a signed-in viewer this draws the login form and stops the page; a page the viewer's role may not
    use stops with a notice. Both hold when a fresh server runs the page file without app.py.
    """
    # First, before anything that may fail: an incident (sinergi.access.incident) is recorded under this key, which
    # otherwise still named the previous page (an error on MoA was logged under Briefing Bupati).
    st.session_state[PAGE_KEY] = page_key
    freeze_once(page_key)
    lang = current_language()
    st.set_page_config(
        page_title=f"{translate(f'{page_key}.title', lang)} · Sinergi",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    st.html(f"<style>{_CSS}</style>")
    start_database()  # the login form needs no data: the first start builds it while the user signs in
    st.sidebar.markdown(f"### Sinergi\n{translate('shell.tagline', lang)}")
    lang = language_switch(lang)
    viewer = current_viewer()
    if viewer is None:
        login_form(lang)
    cookie_script()
    ensure_database(lang, viewer.role)
    if viewer.role not in page_roles(page_key):  # before any data is read for the page
        draw_navigation(viewer.role, lang)
        sidebar_user(viewer, lang)
        refuse(viewer, page_key, lang, page_roles(page_key))
    region = region_selector(lang, viewer)
    round_id, round_name, baseline_id, round_ended_on = round_selector(lang)
    draw_navigation(viewer.role, lang)
    sidebar_user(viewer, lang)
    info = dict(load("dataset_info").itertuples(index=False, name=None))
    synthetic = is_synthetic_region(info, region["region_code"])
    st.sidebar.caption(data_notice(info, synthetic, lang))
    as_of = region_as_of(info, region["region_code"])
    return PageContext(
        lang=lang,
        region_code=region["region_code"],
        region_name=region["name"],
        region_level=region["level"],
        kabupaten_code=region["kabupaten_code"],
        round_id=round_id,
        round_name=round_name,
        baseline_round_id=baseline_id,
        as_of=as_of,
        round_as_of=min(round_ended_on, as_of),
        is_synthetic=synthetic,
    )
