"""Protected shares keep their marking wherever a loaded frame travels: merged, concatenated, renamed, scored.

A share a viewer without by-name access may see is rounded to 5 points or withheld (docs/privacy.md, rule 3); tables
write it "95 %" and a withheld one as a word. The marking used to be a frame attribute, which pandas drops on merge,
concat and join, so the same share read "95,0 %" and a withheld one "–" (or "None") after one. It now lives in the
cell (`Share`), like a Count's. Each path a page or builder takes after `load()` is checked here: as pimpinan or tamu
the figure shown is the protected one, computed independently from admin's counts."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import APP, DEMO_AS_OF, DEMO_PROVINCE, DEMO_ROUND, open_page
from rendered import display_frame, shown_table, written
from streamlit.testing.v1 import AppTest

from sinergi.access.policy import fetch_as, make_viewer
from sinergi.common.display import styled
from sinergi.common.fmt import fmt_pct
from sinergi.common.i18n import translate
from sinergi.common.suppressed import Count, breakdown_share, is_share, true_value
from sinergi.common.table_export import to_csv_bytes

SHARE = "extreme_poor_share_pct"
ROUNDED = re.compile(r"\d{1,3} %")


def _fetch(role: str):
    return fetch_as(make_viewer("x", role, "99.02" if role in ("pimpinan", "perencana") else None))


def _expected(admin: pd.DataFrame, part: str, whole: str, lang: str = "id") -> list[str]:
    """The protected share of each row as a table writes it, from admin's exact counts (independent of load); part
    may be a share column (its count is the share of whole, as the query's privacy rule reads it)."""
    words = []
    for p, w in zip(admin[part], admin[whole], strict=True):
        if part.endswith("_pct"):
            p = round(p * true_value(w) / 100.0)
        share = breakdown_share(Count(true_value(p)), Count(true_value(w)))
        words.append(translate("privacy.withheld", lang) if share is None else fmt_pct(share, lang, 0))
    return words


@pytest.mark.parametrize("role", ["pimpinan", "tamu"])
def test_a_merge_concat_and_rename_keep_the_protected_share(role):
    shown = _fetch(role)("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    admin = _fetch("admin")("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    expected = _expected(admin, "extreme_poor_households_count", "all_households_count")
    names = _fetch(role)("regions_under", parent_code="99.02")[["region_code", "name"]]
    travelled = (
        pd.concat([shown.iloc[:10], shown.iloc[10:]])
        .merge(names.rename(columns={"name": "kecamatan"}), left_on="kecamatan_code", right_on="region_code")
        .rename(columns={SHARE: "porsi_pct"})
    )
    assert travelled.attrs == {}  # what pandas keeps of frame attributes through these: nothing
    drawn = styled(travelled.set_index("desa_code").loc[admin["desa_code"]].reset_index(), "id")
    assert list(written(drawn)["porsi_pct"]) == expected
    assert translate("privacy.withheld", "id") in expected and any(ROUNDED.fullmatch(e) for e in expected)
    # the export of the same frame: the rounded number as shown, a withheld share as its word; never the exact share
    # admin sees (nor the -1 a withheld one sorts by in the browser)
    csv = to_csv_bytes(travelled[["desa_code", "porsi_pct"]], "id").decode("utf-8-sig")
    cells = dict(line.split(";") for line in csv.splitlines()[1:])
    assert [cells[c] for c in admin["desa_code"]] == [e.removesuffix(" %") for e in expected]


def test_admin_shares_stay_exact_after_the_same_merge():
    admin = _fetch("admin")("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    names = _fetch("admin")("regions_under", parent_code="99.02")[["region_code", "name"]]
    merged = admin.merge(names, left_on="kecamatan_code", right_on="region_code", suffixes=("", "_kec"))
    assert not merged[SHARE].map(is_share).any() and merged[SHARE].dtype == "float64"
    assert fmt_pct(merged[SHARE].iloc[0], "id").count(",") == 1  # one decimal, as before


@pytest.mark.parametrize("role", ["pimpinan", "tamu"])
def test_penetapan_lokasi_shows_the_protected_shares(app, role):
    """Penetapan Lokasi scores, sorts, selects and rounds the loaded frame before its table."""
    at = open_page(app, "pages/target_selection.py", role=role, wilayah="99.02", putaran=str(DEMO_ROUND))
    assert not at.exception
    table = shown_table(at.dataframe[0])
    admin = _fetch("admin")("location_indicators", region="99.02", as_of=DEMO_AS_OF).set_index("desa_code")
    rows = admin.loc[table[translate("col.region_code", "id")]].reset_index()
    shares = table[translate("peta.indicator.extreme_poor_share", "id")]
    assert list(shares) == _expected(rows, "extreme_poor_households_count", "all_households_count")
    coverage = table[translate("sasaran_lokasi.col.coverage_pct", "id")]
    assert list(coverage) == _expected(rows, "coverage_pct", "verified_targets_count")


@pytest.mark.parametrize("role", ["pimpinan", "tamu"])
def test_peta_tooltips_show_the_protected_share(role):
    """Peta: the share indicator's tooltip and legend go through poverty_map.format_value."""
    from sinergi.planning.poverty_map import region_rows

    shown = _fetch(role)("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    admin = _fetch("admin")("location_indicators", region="99.02", as_of=DEMO_AS_OF)
    label = translate("peta.indicator.extreme_poor_share", "id")
    lines = {r["desa_code"]: r["line2"] for r in region_rows(shown, "extreme_poor_share", "id")}
    expected = _expected(admin, "extreme_poor_households_count", "all_households_count")
    assert [lines[c] for c in admin["desa_code"]] == [f"{label}: {e}" for e in expected]


@pytest.mark.parametrize("role", ["monev", "tamu"])
def test_rapor_concat_and_merge_keep_the_protected_reached_share(app, role):
    """Rapor Kabupaten concatenates one load per kabupaten and merges the KPI tally before the share is made."""
    at = open_page(app, "pages/scorecard.py", role=role, wilayah=DEMO_PROVINCE, putaran=str(DEMO_ROUND))
    assert not at.exception
    table = shown_table(at.dataframe[0])
    reached = list(table[translate("rapor.measure.reached", "id")])
    assert reached and all(r == translate("privacy.withheld", "id") or ROUNDED.fullmatch(r) for r in reached)
    admin = open_page(
        AppTest.from_file(APP, default_timeout=30),
        "pages/scorecard.py",
        role="admin",
        wilayah=DEMO_PROVINCE,
        putaran=str(DEMO_ROUND),
    )
    values, shown, _ = display_frame(admin.dataframe[0])
    exact = list(shown[translate("rapor.measure.reached", "id")])
    assert all(re.fullmatch(r"\d{1,3},\d %|–", e) for e in exact), exact  # admin: exact, one decimal


@pytest.mark.parametrize("role", ["pimpinan", "tamu"])
def test_intervensi_coverage_bars_write_the_protected_share(app, role):
    at = open_page(app, "pages/interventions.py", role=role, wilayah="99.02", putaran=str(DEMO_ROUND))
    assert not at.exception
    import json

    texts = [
        t for chart in at.get("plotly_chart")[:3] for trace in json.loads(chart.proto.spec)["data"]
        for t in trace.get("text", [])
    ]  # fmt: skip
    assert texts and all(t == translate("privacy.withheld", "id") or ROUNDED.fullmatch(t) for t in texts), (
        texts
    )
