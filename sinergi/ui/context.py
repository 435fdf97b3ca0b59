"""The shared guard and chrome every page calls first: page config, demo bootstrap, language, region and round."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from sinergi.access.login import PAGE_KEY, cookie_script, current_viewer, login_form, refuse, sidebar_user
from sinergi.access.policy import Viewer
from sinergi.common.fmt import fmt_date
from sinergi.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from sinergi.data import db
from sinergi.data.dataset_info import is_synthetic_region, region_as_of
from sinergi.data.demo import freshness
from sinergi.ui.data import load
from sinergi.ui.memory import freeze_once
from sinergi.ui.navigation import draw_navigation
from sinergi.ui.pages import page_roles
from sinergi.ui.selections import bind, keep, remembered, wanted
from sinergi.ui.summary_refresh import refresh_enabled, start_refresh, wait_for_refresh

_build_lock = threading.Lock()
logger = logging.getLogger(__name__)
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


def current_language() -> str:
    """Return the language chosen in this session or the URL (?bahasa=en), Indonesian by default."""
    lang = wanted("bahasa") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class DemoBuild:
    """The first start's demo build, in its own process (its own core, no lock shared with the login page), once
    per file; a thread reads its progress lines ("37% menulis household")."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fraction, self.step = 0.0, ""
        self.error: str | None = None
        command = [sys.executable, "-m", "sinergi.data.demo", "--out", str(path)]
        command += ["--scale", os.environ.get("SINERGI_DEMO_SCALE", "1")]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.thread = threading.Thread(target=self._follow, name="sinergi-demo-build", daemon=True)

    def _follow(self) -> None:
        lines = []
        for line in self.process.stdout or []:
            lines.append(line)
            percent, _, step = line.strip().partition("% ")
            if percent.strip().isdigit():
                self.fraction, self.step = min(int(percent) / 100, 1.0), step
        if self.process.wait() != 0:
            self.error = "".join(lines[-5:])


_builds: dict[Path, DemoBuild] = {}


def start_database() -> DemoBuild | None:
    """Start building the demo database in the background when the file is missing (first start) or is a synthetic
    demo built by older code (sinergi.data.demo.freshness); return the build, or None when the file is usable.
    A file of real data whose summary tables are out of date has them rebuilt instead (sinergi.ui.summary_refresh)."""
    path = db.database_path()
    with _build_lock:
        build = _builds.get(path)
        if build is not None and (build.thread.is_alive() or build.error is not None):
            return build  # still running, or failed: shown once, never started again in a loop
        state = freshness.check(path) if path.exists() else "rebuild"
        if state == "summaries" and refresh_enabled():
            start_refresh(path)
        if state != "rebuild":
            return None
        if path.exists():
            logger.warning("%s: a demo database built by older code, rebuilt", path)  # i18n: ok (server log)
        _builds[path] = DemoBuild(path)
        _builds[path].thread.start()
        return _builds[path]


def ensure_database(lang: str, role: str | None = None) -> None:
    """Wait for the demo database with a progress bar while it is still being built (first start only), or for the
    summary tables of a real-data file while they are brought up to date (once per new version)."""
    build = start_database()
    if build is None:
        path = db.database_path()
        state = freshness.check(path)
        if state == "warn":
            st.warning(translate("shell.schema_changed", lang))
        elif state == "summaries":
            wait_for_refresh(path, lang, role)
        return
    label = translate("shell.building_demo", lang)
    bar = st.progress(0.0, text=label)
    while build.thread.is_alive():
        bar.progress(build.fraction, text=f"{label} ({build.step})" if build.step else label)
        time.sleep(0.3)
    bar.empty()
    if build.error is not None:
        raise RuntimeError(build.error)
    st.cache_data.clear()  # results read from the file that was replaced


def _language_switch(lang: str) -> str:
    st.sidebar.segmented_control(
        translate("shell.language", lang),
        options=list(LANGUAGES),
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        required=True,
        **bind("shell_lang", "bahasa", LANGUAGES, lang),
    )
    chosen = st.session_state.get("shell_lang") or lang
    keep("bahasa", chosen)
    return chosen


def _region_selector(lang: str, viewer: Viewer) -> pd.Series:
    rows = load("region_selector_kabupaten")
    if viewer.scope is not None:  # a kabupaten-bound role is offered its kabupaten only
        rows = rows[rows["region_code"] == viewer.scope]
    provinces = dict(zip(rows["province_code"], rows["province_name"], strict=False))
    kab_names = {
        code: translate("shell.all_kabupaten", lang, province=name) for code, name in provinces.items()
    }
    # one pass over the rows (514 kabupaten of 38 provinces), not a filter per province: the same options in order
    kabupaten_of: dict[str, list[str]] = {code: [] for code in provinces}
    present = rows["region_code"].notna().tolist()
    for province_code, code, name, has_code in zip(
        rows["province_code"], rows["region_code"], rows["name"], present, strict=True
    ):
        if has_code:
            kabupaten_of[province_code].append(code)
            kab_names[code] = name
    kab_options: list[str] = []
    for province_code, codes in kabupaten_of.items():
        if viewer.scope is None:
            kab_options.append(province_code)
        kab_options += codes
    if not kab_options:
        # a kabupaten-bound account on a database without its kabupaten (another dataset imported, a national
        # demo): say so instead of failing the page
        st.warning(translate("shell.scope_missing", lang, code=viewer.scope or "–"))
        st.stop()
    # The region asked for (link, reload or this session's choice) decides both selectors; a code outside the
    # viewer's scope matches no option and falls back to the first.
    asked = [code for code in (wanted("wilayah"), remembered("wilayah")) if code]
    kab = next((c[:n] for c in asked for n in (5, 2) if c[:n] in kab_options), kab_options[0])
    if asked and not any(
        asked[0][:n] in kab_options for n in (5, 2)
    ):  # say so, once: the URL is rewritten below
        st.warning(translate("shell.region_not_offered", lang, code=asked[0], name=kab_names[kab]))
    st.session_state["shell_kabupaten"] = kab
    st.sidebar.selectbox(
        translate("shell.kabupaten", lang),
        kab_options,
        format_func=lambda c: kab_names[c],
        key="shell_kabupaten",
        on_change=lambda: keep("wilayah", st.session_state["shell_kabupaten"]),
    )
    region = kab
    if kab not in provinces:
        kecamatan = load("regions_under", parent_code=kab)
        kec_options = ["", *kecamatan["region_code"]]
        kec_names = dict(zip(kecamatan["region_code"], kecamatan["name"], strict=True))
        kec_names[""] = translate("shell.all_kecamatan", lang)
        kec_key = f"shell_kecamatan_{kab}"
        st.session_state[kec_key] = next((c[:8] for c in asked if c[:8] in kec_options), "")
        st.sidebar.selectbox(
            translate("shell.kecamatan", lang),
            kec_options,
            format_func=lambda c: kec_names[c],
            key=kec_key,
            on_change=lambda: keep("wilayah", st.session_state[kec_key] or kab),
        )
        region = st.session_state[kec_key] or kab
    keep("wilayah", region)
    return _region_row(region, kab_options[0], lang)


def _region_row(region: str, fallback: str, lang: str) -> pd.Series:
    # An import or a restore can swap the database between two queries of one run, and a region chosen a moment
    # ago may be gone: fall back to the first region in scope with a notice instead of failing the page.
    rows = load("region_by_code", region=region)
    if len(rows):
        return rows.iloc[0]
    rows = load("region_by_code", region=fallback)
    if not len(rows):
        st.warning(translate("shell.region_gone", lang))
        st.stop()
    st.warning(translate("shell.region_fallback", lang))
    keep("wilayah", fallback)
    return rows.iloc[0]


def _round_selector(lang: str) -> tuple[int, str, int, date]:
    rounds = load("monitoring_rounds")
    names = dict(zip(rounds["round_id"], rounds[f"name_{lang}"], strict=True))
    options = rounds["round_id"].tolist()
    st.sidebar.selectbox(
        translate("shell.round", lang),
        options,
        format_func=lambda r: names[r],
        **bind("shell_round", "putaran", options, options[-1]),
    )
    chosen = int(st.session_state["shell_round"])
    keep("putaran", chosen)
    ended_on = dict(zip(rounds["round_id"], rounds["ended_on"], strict=True))[chosen]
    return chosen, names[chosen], int(options[0]), pd.Timestamp(ended_on).date()


def _data_notice(info: dict[str, str], synthetic: bool, lang: str) -> str:
    if info.get("is_synthetic", "true") == "true":
        return translate("shell.synthetic_notice", lang)
    if synthetic:
        return translate("shell.synthetic_region_notice", lang)
    when = info.get("real_imported_at", "")
    return translate("shell.real_notice", lang, date=fmt_date(when, lang) if when else "–")


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
    lang = _language_switch(lang)
    viewer = current_viewer()
    if viewer is None:
        login_form(lang)
    cookie_script()
    ensure_database(lang, viewer.role)
    if viewer.role not in page_roles(page_key):  # before any data is read for the page
        draw_navigation(viewer.role, lang)
        sidebar_user(viewer, lang)
        refuse(viewer, page_key, lang, page_roles(page_key))
    region = _region_selector(lang, viewer)
    round_id, round_name, baseline_id, round_ended_on = _round_selector(lang)
    draw_navigation(viewer.role, lang)
    sidebar_user(viewer, lang)
    info = dict(load("dataset_info").itertuples(index=False, name=None))
    synthetic = is_synthetic_region(info, region["region_code"])
    st.sidebar.caption(_data_notice(info, synthetic, lang))
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
