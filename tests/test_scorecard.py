"""Rapor kabupaten: the scorecard equals each kabupaten's own Beranda, KPI tally and cost basis; builders; the page."""

from datetime import date

import pandas as pd
import pytest
import streamlit as st
from conftest import DEMO_AS_OF, DEMO_KABUPATEN, DEMO_PROVINCE, DEMO_ROUNDS, open_page

from sinergi.common.map_classes import SUPPRESSED_COLOUR, hex_to_rgba
from sinergi.common.suppressed import Count
from sinergi.data import db
from sinergi.monitoring.analysis import cost_per_household
from sinergi.monitoring.kpi import with_attainment
from sinergi.overview.headline import headline
from sinergi.overview.scorecard import MEASURES, kpi_tally, measure_labels, scorecard, sort_scorecard
from sinergi.planning.scorecard_map import build_scorecard_map, payload_bytes

AS_OF = DEMO_AS_OF  # every figure of the scorecard is taken on the dataset's as-of date
ROUNDS = {**DEMO_ROUNDS, "as_of": AS_OF}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    rows = db.run_query("scorecard_kabupaten", region=DEMO_PROVINCE, **ROUNDS)
    kpis = db.run_query("kpi_by_moa", region=DEMO_PROVINCE, **ROUNDS)
    return scorecard(rows, kpis, AS_OF, "sumber", is_baseline=False).set_index("kabupaten_code")


def _kabupaten_codes() -> list[str]:
    return db.run_query("regions_under", parent_code=DEMO_PROVINCE)["region_code"].tolist()


def test_one_row_per_kabupaten_of_the_province(table):
    assert sorted(table.index) == _kabupaten_codes()


@pytest.mark.parametrize("kabupaten", DEMO_KABUPATEN)
def test_scorecard_equals_the_kabupaten_beranda(table, kabupaten):
    params = {"region": kabupaten, **ROUNDS}
    fig = headline(
        db.run_query("overview_households", **params),
        db.run_query("overview_moa", **params),
        db.run_query("overview_budget", **params),
    )
    row = table.loc[kabupaten]
    assert row["extreme_poor_households_count"] == fig.extreme_poor_households
    assert row["extreme_poor_people_count"] == fig.extreme_poor_people
    assert row["observed_extreme_poor_count"] == fig.observed_extreme_poor
    assert row["baseline_extreme_poor_count"] == fig.baseline_extreme_poor
    assert row["observed_change_pct"] == pytest.approx(fig.observed_change_pct)
    assert row["verified_targets_count"] == fig.verified_targets
    assert row["verified_targets_reached_pct"] == pytest.approx(fig.verified_targets_reached_pct)
    assert row["active_moa_count"] == fig.active_moa
    assert row["decision_moa_count"] == fig.ending_soon_moa + fig.ended_undecided_moa
    moas = db.run_query("overview_moa", **params).iloc[0]
    assert row["signed_moa_count"] == moas["signed_moa_count"]


@pytest.mark.parametrize("kabupaten", DEMO_KABUPATEN)
def test_left_behind_cost_and_kpis_equal_their_own_pages(table, kabupaten):
    row = table.loc[kabupaten]
    left_behind = db.run_query(
        "left_behind_households", region=kabupaten, show_names=False, page_size=None, page_offset=0, **ROUNDS
    )
    assert row["left_behind_count"] == len(left_behind)
    cost = cost_per_household(db.run_query("budget_cost_basis", region=kabupaten, **ROUNDS))
    assert row["cost_per_exit_rp"] == pytest.approx(cost.per_left_rp)
    status = with_attainment(db.run_query("kpi_by_moa", region=kabupaten, **ROUNDS))
    own = status[status["kabupaten_code"] == kabupaten]
    assert row["kpi_rows_count"] == len(own)
    assert row["kpi_on_track_count"] == own["status"].isin(["tercapai", "sesuai_jalur"]).sum()


def test_signed_moas_are_those_signed_by_the_as_of_date(con, table):
    # independent of the macros: signed status and signed by the date, in the kabupaten or targeting a desa there
    signed = dict(
        con.execute(
            """
            select k.region_code, count(distinct m.moa_id)
            from region as k
            inner join moa as m
                on m.kabupaten_code = k.region_code
                or m.moa_id in (select moa_id from moa_target_desa where desa_code like k.region_code || '.%')
            where k.level = 'kabupaten'
                and m.status in ('aktif', 'diperpanjang', 'berakhir')
                and m.signed_on <= ?
            group by all
            """,
            [AS_OF],
        ).fetchall()
    )
    assert table["signed_moa_count"].to_dict() == {k: signed.get(k, 0) for k in table.index}


def test_a_kecamatan_gives_its_kabupaten_row():
    rows = db.run_query("scorecard_kabupaten", region="99.02.03", **ROUNDS)
    assert rows["kabupaten_code"].tolist() == ["99.02"]
    whole = db.run_query("scorecard_kabupaten", region="99.02", **ROUNDS)
    pd.testing.assert_frame_equal(rows, whole)


def test_shares_and_cost_come_from_what_the_viewer_sees():
    rows = pd.DataFrame(
        {
            "kabupaten_code": ["a", "b"],
            "observed_extreme_poor_count": [Count(33), Count(3)],
            "baseline_extreme_poor_count": [Count(42), Count(10)],
            "verified_targets_reached_count": [Count(97), Count(10)],
            "verified_targets_count": [Count(100), Count(12)],
            "ending_soon_moa_count": [0, 0],
            "ended_undecided_moa_count": [0, 0],
            "realised_rp": [1_000_000.0, 1_000_000.0],
            "left_extreme_poverty_count": [Count(8), Count(2)],
        }
    )
    out = scorecard(rows, pd.DataFrame(), AS_OF, "s", is_baseline=False).set_index("kabupaten_code")
    assert out.loc["a", "observed_change_pct"] == pytest.approx(100 * (35 - 40) / 40)  # rounded cells
    assert pd.isna(out.loc["b", "observed_change_pct"])  # "<5" gives no change
    assert pd.isna(out.loc["a", "verified_targets_reached_pct"])  # 3 left out: the share would tell
    assert pd.isna(out.loc["b", "verified_targets_reached_pct"])
    assert out.loc["a", "cost_per_exit_rp"] == 100_000  # 1 000 000 / the shown 10, not the true 8
    assert pd.isna(out.loc["b", "cost_per_exit_rp"])
    labels = measure_labels(out["left_extreme_poverty_count"], "count", "id")
    assert labels.tolist() == ["10", "<5"]
    assert measure_labels(out["cost_per_exit_rp"], "rp", "id").tolist()[1] == "–"


def test_scorecard_ratios_and_suppressed_counts():
    rows = pd.DataFrame(
        {
            "kabupaten_code": ["99.01", "99.02"],
            "observed_extreme_poor_count": [30, float("nan")],  # the second is "<5" for the viewer
            "baseline_extreme_poor_count": [40, 10],
            "verified_targets_reached_count": [9, 0],
            "verified_targets_count": [10, 0],
            "ending_soon_moa_count": [1, 0],
            "ended_undecided_moa_count": [2, 0],
            "realised_rp": [1_000_000, 500],
            "left_extreme_poverty_count": [4, 0],
        }
    )
    kpis = pd.DataFrame()
    out = scorecard(rows, kpis, date(2026, 10, 31), "s", is_baseline=False).set_index("kabupaten_code")
    assert out.loc["99.01", "observed_change_pct"] == -25.0
    assert pd.isna(out.loc["99.02", "observed_change_pct"])
    assert out.loc["99.01", "verified_targets_reached_pct"] == 90.0
    assert pd.isna(out.loc["99.02", "verified_targets_reached_pct"])  # no targets: no share, not 0
    assert out.loc["99.01", "decision_moa_count"] == 3
    assert out.loc["99.01", "cost_per_exit_rp"] == 250_000
    assert pd.isna(out.loc["99.02", "cost_per_exit_rp"])
    assert out["kpi_rows_count"].tolist() == [0, 0]
    baseline = scorecard(rows, kpis, date(2026, 10, 31), "s", is_baseline=True)
    assert baseline["observed_change_pct"].isna().all()


def test_kpi_tally_counts_on_track_and_met():
    # halfway through the period: met, short of halfway (not yet), past halfway (on track)
    kpis = pd.DataFrame(
        {
            "kabupaten_code": ["a", "a", "b"],
            "kpi_code": ["lapangan_kerja", "kegiatan_ekonomi", "lapangan_kerja"],
            "baseline_value": [10.0, 10.0, 10.0],
            "value": [20.0, 11.0, 16.0],
            "target_value": [20.0, 20.0, 20.0],
            "direction": ["higher"] * 3,
            "unit": ["orang"] * 3,
            "moa_started_on": [date(2025, 1, 1)] * 3,
            "moa_ended_on": [date(2027, 1, 1)] * 3,
            "round_ended_on": [date(2026, 1, 1)] * 3,
        }
    )
    tally = kpi_tally([kpis.iloc[:2], kpis.iloc[2:]]).set_index("kabupaten_code")
    assert tally.loc["a"].tolist() == [2, 1]
    assert tally.loc["b"].tolist() == [1, 1]
    assert kpi_tally([pd.DataFrame()]).empty


def test_sort_puts_worst_first_and_missing_last():
    table = pd.DataFrame(
        {"kabupaten_code": ["a", "b", "c"], "verified_targets_reached_pct": [50.0, float("nan"), 80.0]}
    )
    worst = sort_scorecard(table, "reached", best_first=False)
    assert worst["kabupaten_code"].tolist() == ["a", "c", "b"]
    best = sort_scorecard(table, "reached", best_first=True)
    assert best["kabupaten_code"].tolist() == ["c", "a", "b"]
    assert set(MEASURES) >= {"extreme_poor", "reached", "cost_per_exit"}


def test_map_aggregates_to_kabupaten_and_stays_small(table):
    shapes = db.run_query("scorecard_kabupaten_shapes", region=DEMO_PROVINCE)
    values = table["extreme_poor_households_count"]
    deck = build_scorecard_map(shapes, values, values.astype(str), "RT", national=True)
    codes = {row["kabupaten_code"] for row in deck.layers[0].data}
    assert codes == set(table.index)
    assert payload_bytes(deck) < 5_000_000


def test_map_colours_hidden_counts_grey_and_sends_no_count():
    shapes = db.run_query("scorecard_kabupaten_shapes", region=DEMO_PROVINCE)
    codes = shapes["kabupaten_code"].tolist()
    values = pd.Series([Count(3)] + [Count(10 * (i + 1)) for i in range(len(codes) - 1)], index=codes)
    deck = build_scorecard_map(shapes, values, measure_labels(values, "count", "id"), "RT", national=False)
    fills = {row["kabupaten_code"]: row["fill"] for row in deck.layers[0].data}
    assert fills[codes[0]] == hex_to_rgba(SUPPRESSED_COLOUR)
    assert len({tuple(fills[c]) for c in codes[1:]}) > 1
    assert "<5" in deck.to_json()


def headers_of(key: str) -> str:
    from sinergi.common.i18n import translate

    return translate(key, "id")


@pytest.mark.parametrize("role", ["admin", "monev", "perencana"])
def test_page_shows_one_row_per_kabupaten_in_scope(app, role):
    st.cache_data.clear()
    at = open_page(app, "pages/scorecard.py", role=role, wilayah=DEMO_PROVINCE, putaran="2")
    assert not at.exception
    rows = at.dataframe[0].value
    expected = 1 if role == "perencana" else len(_kabupaten_codes())
    assert len(rows) == expected
    # Beranda is served at the root, never at /beranda (no page there: the browser logs an error; and a path prefix
    # would be lost)
    assert rows.iloc[:, -1].str.startswith("./?wilayah=").all()
    assert len(at.get("download_button")) == 2
    shown = at.dataframe[0].value[headers_of("rapor.measure.left_behind")]
    if role == "monev":  # a breakdown cell: rounded to 5 or "<5" (docs/privacy.md)
        assert all(v == "<5" or int(str(v).replace(".", "")) % 5 == 0 for v in shown)


def test_page_signs_the_change_and_titles_before_the_province_selector(app):
    # Tester: Rapor showed "14,0 %" for a rise (Beranda "+13,8 %") and the "Provinsi" select above the title.
    from rendered import display_frame

    from sinergi.common.i18n import translate

    at = open_page(app, "pages/scorecard.py", wilayah=DEMO_PROVINCE, putaran="2")
    assert not at.exception
    values, shown, _ = display_frame(at.dataframe[0])
    column = translate("rapor.measure.observed_change", "id")
    position = list(values.columns).index(column)
    changes = [c for c in shown.iloc[:, position] if c != "–"]
    assert changes and all(c[0] in "+−±" for c in changes)
    blocks = list(at.main)
    first_title = next(i for i, b in enumerate(blocks) if b in at.title or any(b is t for t in at.title))
    first_select = next(i for i, b in enumerate(blocks) if any(b is s for s in at.selectbox))
    assert first_title < first_select


@pytest.mark.parametrize(("role", "rounded"), [("admin", False), ("monev", True)])
def test_intro_promises_beranda_figures_only_where_they_are_the_same(app, role, rounded):
    # Tester (monev): Rapor said "angka yang sama seperti Beranda" but showed Watu Molo 1.410 beside Beranda's 1.408:
    # the scorecard's cells are rounded for roles without by-name access, Beranda's own totals are exact.
    at = open_page(app, "pages/scorecard.py", role=role, wilayah=DEMO_PROVINCE, putaran="2")
    assert not at.exception
    intro = next(c.value for c in at.caption if "Satu baris" in c.value)
    assert "angka yang sama seperti Beranda" not in intro
    assert any("dibulatkan" in box.value and "Beranda" in box.value for box in at.info) is rounded


def test_no_link_names_the_default_page_by_its_url_path():
    """Streamlit serves the default page at "/" only: a link to "/beranda" opens "page not found" in the console
    and runs the main page, and behind a path prefix (server.baseUrlPath) it leaves the app."""
    import re
    from pathlib import Path

    from sinergi.ui.pages import PAGES

    root = Path(__file__).resolve().parent.parent
    default = next(spec.url_path for spec in PAGES if spec.default)
    pattern = re.compile(rf"""["'](?:\.?/){re.escape(default)}(?:[?"'/])""")
    sources = [
        *root.glob("pages/*.py"),
        *root.glob("sinergi/**/*.py"),
        *root.glob("sinergi/common/locales/*"),
    ]
    found = [str(p.relative_to(root)) for p in sources if pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("role", ["admin", "tamu"])
def test_the_map_has_a_legend_of_its_classes(app, role):
    # Walk: the Rapor map coloured six kabupaten with no key to what a shade meant.
    from sinergi.common.i18n import translate
    from sinergi.common.map_classes import PALETTES

    at = open_page(app, "pages/scorecard.py", role=role, wilayah=DEMO_PROVINCE, putaran="2")
    assert not at.exception
    title = translate("rapor.measure.extreme_poor", "id")
    legends = [h.proto.body for h in at.get("html") if title in h.proto.body]
    assert len(legends) == 1
    assert sum(colour in legends[0] for colour in PALETTES["OrRd"]) >= 3  # the classes, in the map's palette
    assert "–" in legends[0]  # class edges: "810–2.825"
