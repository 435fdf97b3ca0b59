"""Figures every role can trust: every page with headline figures, drawn for pimpinan and monev, shows each figure
exactly as admin sees it, or "<5" where the figure itself is a count of 1-4 (docs/privacy.md). The figures are
discovered from what is drawn (tiles, their deltas, captions, sentences, heatmap cells), not listed by name.
"""

import json
import re

import pytest
import streamlit as st
from conftest import APP, DEMO_AS_OF, open_page
from rendered import written
from streamlit.testing.v1 import AppTest

from sinergi.access.policy import fetch_as, make_viewer
from sinergi.common.display import styled
from sinergi.common.i18n import translate
from sinergi.common.suppressed import is_share, round_base
from sinergi.planning.desa_profile import profile_formats, profile_headers, profile_table
from sinergi.planning.targeting import DEFAULT_WEIGHTS, score_locations

PAGES = {
    "beranda": "pages/overview.py",
    "briefing": "pages/briefing.py",
    "perpindahan": "pages/household_transitions.py",
    "intervensi": "pages/interventions.py",
    "anggaran": "pages/budget.py",
    "monev": "pages/kpi_monitoring.py",
    "koordinasi": "pages/coordination.py",
    "rapor": "pages/scorecard.py",
}
REGIONS = ("99.02", "99.02.03")  # a kabupaten and a kecamatan (Sawu Timur) inside pimpinan's scope
TOKEN = re.compile(r"<5|\d+(?:[.,]\d+)*")


def figures(at: AppTest) -> list[str]:
    """Return every headline figure the page draws, in order: tiles (value and delta), captions, sentences, and
    the cells of heatmaps (counts of partners at work)."""
    main = at.main  # the sidebar names the signed-in user: not a figure
    out = [f"{m.label}: {m.value} | {m.proto.delta}" for m in main.metric]
    out += [c.value for c in main.caption] + [m.value for m in main.markdown]
    for chart in main.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            if trace.get("type") == "heatmap":
                out.append(json.dumps(trace.get("z")))
    return out


def _number(token: str) -> float:
    return float(token.replace(".", "").replace(",", "."))


# Notes a protected viewer reads beside the figures (how they are protected): no figures of their own.
NOTES = {
    translate(k, "id")
    for k in (
        "privacy.partition_rounded",
        "privacy.cost_rounded",
        "privacy.score_rounded",
        "privacy.kpi_rounded",
        "privacy.filtered_rounded",
    )
}


def differences(admin: list[str], other: list[str]) -> list[str]:
    """Return the figures of other that are neither admin's figure nor "<5" standing for a count of 1-4 — nor,
    where the page says a part of a whole reads "<5" (docs/privacy.md), admin's figure rounded to a multiple of 5."""
    partition = translate("privacy.partition_rounded", "id") in other
    admin, other = [f for f in admin if f not in NOTES], [f for f in other if f not in NOTES]
    if len(admin) != len(other):
        return [f"{len(other)} figures against admin's {len(admin)}"]
    found = []
    for mine, theirs in zip(admin, other, strict=True):
        if mine == theirs:
            continue
        a, b = TOKEN.findall(mine), TOKEN.findall(theirs)
        same_words = TOKEN.sub("#", mine) == TOKEN.sub("#", theirs)
        hidden_ok = len(a) == len(b) and all(
            x == y
            or (y == "<5" and 1 <= _number(x) <= 4)
            or (partition and "," not in x and _number(y) == round_base(_number(x)))
            for x, y in zip(a, b, strict=True)
        )
        if not (same_words and hidden_ok):
            found.append(f"{theirs!r} where admin sees {mine!r}")
    return found


def draw(page: str, role: str, region: str) -> list[str]:
    st.cache_data.clear()
    at = open_page(AppTest.from_file(APP, default_timeout=90), page, role, None, wilayah=region, putaran="2")
    assert not at.exception, [e.value for e in at.exception]
    return figures(at)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("key", list(PAGES))
def test_every_figure_equals_admins_or_reads_less_than_five(key, region):
    admin = draw(PAGES[key], "admin", region)
    assert admin, f"{key} draws no figure"
    for role in ("pimpinan", "monev"):
        assert differences(admin, draw(PAGES[key], role, region)) == [], role


def test_the_comparison_catches_a_changed_total():
    admin = ["Keluar: 347 | ", "Jatuh: 1 | ", "RT: 933."]
    assert differences(admin, ["Keluar: 347 | ", "Jatuh: <5 | ", "RT: 933."]) == []
    assert differences(admin, ["Keluar: 263 | ", "Jatuh: 0 | ", "RT: 786."]) != []
    assert differences(["Tetap: 37 | "], ["Tetap: <5 | "]) != []  # "<5" may only stand for 1-4
    # rounded to 5 only where the page says a part of the whole reads "<5", and only to the nearest multiple
    note = translate("privacy.partition_rounded", "id")
    assert differences(admin, ["Keluar: 345 | ", "Jatuh: <5 | ", "RT: 935.", note]) == []
    assert differences(admin, ["Keluar: 345 | ", "Jatuh: <5 | ", "RT: 935."]) != []
    assert differences(admin, ["Keluar: 340 | ", "Jatuh: <5 | ", "RT: 935.", note]) != []


# -- Small figures beside the protected ones: intervention counts of a desa, shares rounded to 5 points.

DESA = "99.02.10.2013"


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_the_desa_profile_protects_interventions_and_words_every_sector(role):
    """Interventions given in one desa count households served: rounded to 5 or "<5" like the household counts
    beside them; an intervention with no sector (BLT Dana Desa) reads as a word, never "None" or blank."""
    fetch = fetch_as(make_viewer("x", role, "99.02" if role == "pimpinan" else None))
    query = "interventions_by_program"
    frame = fetch(query, region=DESA, as_of=DEMO_AS_OF)
    table = profile_table(query, frame, "id")
    counts = table[translate("peta.col.interventions_count", "id")]
    assert len(counts) and all(c == "<5" or int(c) % 5 == 0 for c in counts), list(counts)
    assert any(c not in (0, "<5") and int(c) % 5 == 0 for c in counts)
    sectors = table[translate("peta.col.sector", "id")]
    assert all(isinstance(s, str) and s and s != "None" for s in sectors), list(sectors)
    assert translate("peta.profile.no_sector", "id") in set(sectors), "the demo desa has BLT Dana Desa"
    # the page draws the raw frame with these formats; Streamlit writes a missing cell "None" whatever its format
    drawn = written(styled(frame, "id", profile_headers(query, "id"), profile_formats(query, "id")))
    assert not drawn[translate("peta.col.sector", "id")].isna().any()


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_a_rounded_share_shows_no_decimal_and_a_withheld_one_a_word(role):
    """Penetapan Lokasi: the extreme-poor share of a desa is rounded to 5 points for aggregate roles: "95 %", not
    "95,0 %" (no false precision); withheld where a count is 1-4, written as the catalogue's word, not "None"."""
    fetch = fetch_as(make_viewer("x", role, "99.02" if role == "pimpinan" else None))
    ranked = score_locations(fetch("location_indicators", region="99.02", as_of=DEMO_AS_OF), DEFAULT_WEIGHTS)
    shown = written(styled(ranked.head(40)[["desa_code", "extreme_poor_share_pct"]], "id"))[
        "extreme_poor_share_pct"
    ]
    withheld = translate("privacy.withheld", "id")
    assert withheld in set(shown), "the demo kabupaten has shares withheld: nothing to check"
    assert all(s == withheld or re.fullmatch(r"\d{1,3} %", s) for s in shown), list(shown)
    exact = fetch_as(make_viewer("x", "admin", None))("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    assert not exact["extreme_poor_share_pct"].map(is_share).any()  # admin's shares keep their decimal
