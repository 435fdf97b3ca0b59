"""The briefing's pure logic (sentences, tiles, decisions), its queries against independent SQL, and its map."""

import json
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_ROUND, DEMO_ROUNDS

from sinergi.briefing.content import (
    Briefing,
    change_pct,
    decision_lines,
    decisions,
    gather,
    kpi_tally,
    primary_reasons,
    summary_sentences,
    tiles,
)
from sinergi.briefing.map import build_briefing_map, map_classes
from sinergi.common.i18n import translate
from sinergi.common.map_classes import INDICATOR_PALETTES, PALETTES
from sinergi.common.stuck import stuck_flags
from sinergi.data import db
from sinergi.overview.headline import Headline

AS_OF = DEMO_AS_OF


def _headline(**changes) -> Headline:
    base = Headline(
        extreme_poor_households=1408,
        extreme_poor_people=6135,
        extreme_poor_share_pct=10.0,
        verified_targets=1273,
        verified_targets_reached=1228,
        verified_targets_reached_pct=100 * 1228 / 1273,
        observed_extreme_poor=1629,
        baseline_extreme_poor=1881,
        observed_change_pct=100 * (1629 - 1881) / 1881,
        active_moa=3,
        ending_soon_moa=2,
        ended_undecided_moa=1,
        budget_year=2026,
        budget_allocated_rp=16.8e9,
        budget_realised_rp=11.2e9,
        budget_realised_pct=66.7,
    )
    return replace(base, **changes)


def _briefing(is_baseline=False, **changes) -> Briefing:
    kpi = pd.DataFrame(
        {"moa_id": ["A", "A", "B", "C"], "status": ["tercapai", "belum_tercapai", "sesuai_jalur", "x"]}
    )
    kpi.loc[3, "status"] = "tidak_terukur"
    moas = pd.DataFrame(
        {
            "moa_id": ["A", "B", "C"],
            "moa_number": ["001/A", "002/B", "003/C"],
            "title": ["Alpha", "Beta", "Gamma"],
            "status": ["aktif", "berakhir", "aktif"],
            "ended_on": [date(2027, 1, 7), date(2026, 8, 14), date(2028, 1, 1)],
            "current_stage_no": [7, 7, 7],
            "is_active": [True, False, True],
            "is_ending_soon": [True, False, False],
            "is_ended_undecided": [False, True, False],
            "is_stuck": [False, False, False],
        }
    )
    behind = kpi.iloc[0:0] if is_baseline else kpi  # as gather: nothing is behind target at the baseline
    return Briefing(_headline(**changes), kpi, decisions(moas, behind), pd.DataFrame(), is_baseline)


def test_first_sentence_says_the_fall_with_a_true_minus():
    first = summary_sentences(_briefing(), "id")[0]
    assert first == "Jumlah rumah tangga miskin ekstrem turun dari 1.881 menjadi 1.629 (−13,4 %)."
    assert (
        summary_sentences(_briefing(), "en")[0]
        == "Extreme-poor households fell from 1,881 to 1,629 (−13.4%)."
    )


def test_first_sentence_says_a_rise_and_no_change():
    assert (
        "naik dari 1.000 menjadi 1.100 (+10,0 %)"
        in summary_sentences(_briefing(baseline_extreme_poor=1000, observed_extreme_poor=1100), "id")[0]
    )
    assert (
        "tetap 1.000"
        in summary_sentences(_briefing(baseline_extreme_poor=1000, observed_extreme_poor=1000), "id")[0]
    )


def test_baseline_round_has_no_change_sentence_or_delta():
    b = _briefing(is_baseline=True)
    assert summary_sentences(b, "id")[0].startswith("Pada baseline tercatat 1.629 rumah tangga")
    assert tiles(b, "id")[0].delta is None


def test_other_sentences_count_targets_kpis_and_decisions():
    _, second, third = summary_sentences(_briefing(), "id")
    assert (
        second == "1.228 dari 1.273 sasaran terverifikasi (96,5 %) telah menerima sedikitnya satu intervensi."
    )
    assert third.startswith(
        "2 dari 3 target KPI MoA yang terukur tercapai atau sesuai jalur dan 1 belum tercapai; 2 MoA perlu"
    )
    # each MoA counted once, under its most urgent reason: the parts add up to the 2
    assert third.endswith(
        "2 MoA perlu keputusan: 1 berakhir tanpa keputusan perpanjangan, 1 berakhir ≤ 90 hari."
    )
    assert sum(primary_reasons(_briefing()).values()) == len(_briefing().decisions)


def test_decisions_flags_behind_target_only_for_running_moas():
    b = _briefing()
    assert list(b.decisions["moa_id"]) == ["B", "A"]  # ending soonest first; C is on track
    assert b.decisions.set_index("moa_id").loc["A", "reasons"] == ("ending_soon", "behind_target")
    assert "berakhir ≤ 90 hari; KPI di bawah target" in decision_lines(b, "id")[1]


def test_tiles_are_six_and_formatted():
    labels = [tile.value for tile in tiles(_briefing(), "id")]
    assert labels == ["1.629", "1.408", "96,5 %", "2 dari 3", "2", "Rp 16,8 miliar"]
    assert tiles(_briefing(), "id")[4].label == "MoA perlu keputusan"
    assert tiles(_briefing(), "en")[5].value == "IDR 16.8 billion"


def test_kpi_tally_and_change_pct():
    assert kpi_tally(_briefing().kpi) == {
        "tercapai": 1,
        "sesuai_jalur": 1,
        "belum_tercapai": 1,
        "tidak_terukur": 1,
    }
    assert change_pct(0, 5) is None
    assert change_pct(200, 150) == pytest.approx(-25.0)


@pytest.mark.parametrize("region", ["99.02", "99.05"])
def test_map_counts_match_independent_sql(con, region):
    by_desa = db.run_query("briefing_extreme_poor_by_desa", region=region, **DEMO_ROUNDS)
    expected = con.execute(
        """
        select h.desa_code, count(*) filter (where o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day) n
        from household h join household_observation o using (household_id) join monitoring_round r using (round_id)
        where h.kabupaten_code = ? and o.round_id = ? and h.verification_status <> 'tidak_valid' group by 1
        """,
        [region, DEMO_ROUND],
    ).df()
    merged = by_desa.merge(expected, on="desa_code", how="left").fillna({"n": 0})
    assert (merged["observed_extreme_poor_count"] == merged["n"]).all()
    desa_total = con.execute(
        "select count(*) from region where level = 'desa' and kabupaten_code = ?", [region]
    )
    assert len(by_desa) == desa_total.fetchone()[0]


def test_decision_flags_match_independent_rules(con):
    moas = db.run_query("briefing_moa_decisions", region="99.02", as_of=AS_OF).set_index("moa_id")
    raw = con.execute("select * from moa where kabupaten_code = '99.02'").df().set_index("moa_id")
    for moa_id, row in raw.iterrows():
        ended, started = row["ended_on"].date(), row["started_on"].date()
        signed = row["status"] in ("aktif", "diperpanjang", "berakhir") and row["signed_on"].date() <= AS_OF
        active = signed and started <= AS_OF <= ended
        soon = active and (ended - AS_OF).days <= 90
        undecided = signed and ended < AS_OF and pd.isna(row["renewal_decision"])
        assert moas.loc[moa_id, "is_ending_soon"] == soon, moa_id
        assert moas.loc[moa_id, "is_ended_undecided"] == undecided, moa_id
        assert not (moas.loc[moa_id, "is_active"] and undecided), moa_id  # never both active and ended
    stuck = stuck_flags(moas, AS_OF)
    assert stuck["MOA-0207"]  # stage 6 since May 2026
    assert not stuck["MOA-0205"]  # at the last stage


def test_gather_headline_equals_the_overview_queries():
    b = gather(db.run_query, "99.05", DEMO_ROUND, DEMO_BASELINE_ROUND, AS_OF)
    households = db.run_query("overview_households", region="99.05", **DEMO_ROUNDS, as_of=AS_OF)
    assert b.headline.observed_extreme_poor == households["observed_extreme_poor_count"].iloc[0]
    assert b.by_desa["observed_extreme_poor_count"].sum() == b.headline.observed_extreme_poor


def test_map_classes_do_not_overlap_and_match_the_planner_map():
    classes = map_classes(pd.Series(range(0, 301)))
    assert len(classes.lows) == 5
    assert all(high + 1 == low for high, low in zip(classes.highs, classes.lows[1:], strict=False))
    assert classes.colours == PALETTES[INDICATOR_PALETTES["extreme_poor"]]
    assert map_classes(pd.Series([0, 0])).lows == (0.0,)


def test_map_has_a_class_legend_in_the_language_and_no_geo_subplot():
    by_desa = db.run_query("briefing_extreme_poor_by_desa", region="99.05", **DEMO_ROUNDS)
    fig = build_briefing_map(by_desa, "id", "Endline 2026")
    assert fig.layout.legend.title.text == "RT miskin ekstrem<br>survei Endline 2026"
    assert [tr.fillcolor for tr in fig.data if tr.fill == "toself"] == list(
        map_classes(by_desa["observed_extreme_poor_count"]).colours
    )
    assert not any(tr.type in ("choropleth", "choroplethmap", "scattergeo") for tr in fig.data)
    english = build_briefing_map(by_desa, "en", "Endline 2026").layout.legend.title.text
    assert english == "Extreme-poor households<br>Endline 2026 survey"


def test_english_sentence_reads_well_for_one_and_for_many():
    # Tester: "2 ends within 90 days, 2 stage stuck" (a verb and a noun glued to a count).
    from sinergi.briefing.content import DECISION_REASONS
    from sinergi.common.i18n import translate

    for count in (1, 2):
        parts = [translate(f"briefing.tally.{r}", "en", count=count, days=120) for r in DECISION_REASONS]
        assert all(not p.startswith(f"{count} ends") and "stage stuck" not in p for p in parts)
    sentence = translate(
        "briefing.sentence.kpi_moa",
        "en",
        good=1,
        total=1,
        behind=0,
        moas=1,
        reasons="1 ending within 90 days",
    )
    assert "1 MoAs" not in sentence and "are" not in sentence.split()


def test_map_draws_every_ring_of_every_desa_once_in_its_class_each_closed_by_a_gap():
    by_desa = db.run_query("briefing_extreme_poor_by_desa", region="99.05", **DEMO_ROUNDS)
    fig = build_briefing_map(by_desa, "id", "Endline 2026")
    classes = map_classes(by_desa["observed_extreme_poor_count"])
    rings = [json.loads(g) for g in by_desa["geometry_simplified_geojson"]]
    for trace in (tr for tr in fig.data if tr.fill == "toself"):
        xs = np.asarray(trace.x, dtype=float)
        members = [
            geometry
            for geometry, value in zip(rings, by_desa["observed_extreme_poor_count"], strict=True)
            if classes.colour(value) == trace.fillcolor
        ]
        # the outer ring of each polygon (holes are not drawn)
        polygons = [
            p
            for g in members
            for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])
        ]
        ring_lengths = [len(polygon[0]) for polygon in polygons]
        # arrays, not lists: Streamlit deep-copies a figure's lists value by value (issue 14)
        assert isinstance(trace.x, np.ndarray) and isinstance(trace.y, np.ndarray)
        assert int(np.isnan(xs).sum()) == max(len(ring_lengths), 1)
        assert int((~np.isnan(xs)).sum()) == sum(ring_lengths)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_baseline_round_shows_no_kpi_progress_and_says_when_it_starts(lang):
    """At the baseline the KPIs have their starting values and nothing to compare: no "2 of 3 on track", no MoA
    "behind target", and a line saying progress is measured from the next round."""
    b = _briefing(is_baseline=True)
    kpi_tile = tiles(b, lang)[3]
    assert (kpi_tile.label, kpi_tile.value) == (translate("briefing.tile.kpi_baseline", lang), "4")
    assert kpi_tile.delta == translate("briefing.tile.kpi_from_next_round", lang)
    third = summary_sentences(b, lang)[2]
    assert third.startswith(
        translate("briefing.sentence.kpi_moa_baseline", lang, total=4, moas=2, reasons="x")[:30]
    )
    assert translate("briefing.tally.behind_target", lang, count=1, days=1)[:10] not in third
    assert all("behind_target" not in reasons for reasons in b.decisions["reasons"])
    # a later round still says the progress
    assert tiles(_briefing(), lang)[3].value == translate("briefing.tile.kpi_value", lang, good=2, measured=3)


def test_legend_below_the_map_has_no_title_beside_its_classes():
    # walk1 item 5: in the PDF (legend below a tall region's narrow map) the title beside the classes pushed the last
    # class ("25–75") past the image's edge; the exports print the map's title above the image instead
    by_desa = db.run_query("briefing_extreme_poor_by_desa", region="99.02", **DEMO_ROUNDS)
    below = build_briefing_map(by_desa, "id", "Endline 2026", legend_below=True).layout.legend
    assert below.orientation == "h" and not below.title.text
    assert build_briefing_map(by_desa, "id", "Endline 2026").layout.legend.title.text  # beside: titled
