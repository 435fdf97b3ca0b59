"""The shared selectors of the sidebar every page draws: language, region (kabupaten or province, then kecamatan) and
round, and the note on where the data comes from. Each choice lives in the session and the URL (sinergi.ui.selections).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sinergi.access.policy import Viewer
from sinergi.common.fmt import fmt_date
from sinergi.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from sinergi.ui.data import load
from sinergi.ui.selections import bind, keep, remembered, wanted


def current_language() -> str:
    """Return the language chosen in this session or the URL (?bahasa=en), Indonesian by default."""
    lang = wanted("bahasa") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_switch(lang: str) -> str:
    """Draw the language switch in the sidebar; return the language chosen (kept in the URL as ?bahasa=)."""
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


def region_selector(lang: str, viewer: Viewer) -> pd.Series:
    """Draw the kabupaten (or province) and kecamatan selectors in the viewer's scope; return the chosen region's
    row (region_by_code). The region asked for by the URL or this session decides the choice."""
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


def round_selector(lang: str) -> tuple[int, str, int, date]:
    """Draw the round selector; return (round, its name, the baseline round, the end of its fieldwork)."""
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


def data_notice(info: dict[str, str], synthetic: bool, lang: str) -> str:
    """Return the sidebar's note on the data: synthetic demo, a synthetic region, or real data imported on a date."""
    if info.get("is_synthetic", "true") == "true":
        return translate("shell.synthetic_notice", lang)
    if synthetic:
        return translate("shell.synthetic_region_notice", lang)
    when = info.get("real_imported_at", "")
    return translate("shell.real_notice", lang, date=fmt_date(when, lang) if when else "–")
