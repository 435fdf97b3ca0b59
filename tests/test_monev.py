"""Monitoring logic: transitions, overlaps, cost per household, and the left-behind list on its page. Every figure
of the monitoring pages is recomputed independently in tests/test_figures.py; the estimator in tests/test_did.py."""

import pandas as pd
from conftest import DEMO_KABUPATEN, open_page

from sinergi.monitoring.analysis import (
    cost_per_household,
    overlap_bins,
    transition_counts,
)


def test_transition_counts_and_bins():
    frame = pd.DataFrame(
        {
            "was_extreme_poor": [True, True, False, False],
            "is_extreme_poor": [False, True, True, False],
            "households_count": [5, 3, 2, 10],
        }
    )
    row = transition_counts(frame).iloc[0]
    assert (row["keluar"], row["tetap_miskin"], row["masuk"], row["tetap_tidak_miskin"]) == (5, 3, 2, 10)
    bins = overlap_bins(pd.DataFrame({"sources_count": [0, 1, 3, 4, 5], "households_count": [1, 2, 3, 4, 5]}))
    assert bins["households_count"].tolist() == [1, 2, 0, 12]
    cost = cost_per_household(
        pd.DataFrame(
            {
                "up_to_year": [2026],
                "realised_rp": [1000.0],
                "bansos_rp": [200.0],
                "reached_households_count": [6],
                "reached_without_bansos_count": [4],
                "left_extreme_poverty_count": [0],
            }
        )
    )
    # each numerator over the denominator of the same scope: budget / reached without bansos; budget + bansos /
    # reached by anything
    assert (cost.per_reached_rp, cost.per_reached_with_bansos_rp, cost.per_left_rp) == (250.0, 200.0, None)


def test_left_behind_list_on_page_hides_names(app, con):
    at = open_page(app, "pages/interventions.py", wilayah=DEMO_KABUPATEN[0], putaran="2")
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    listed = next(t for t in tables if "ID Keluarga P3KE" in t.columns)
    assert "Nama KK" not in listed.columns and "NIK KK" not in listed.columns
    # as of the end of the endline fieldwork: interventions given later, or under a draft MoA, do not count
    expected = con.execute(
        "select count(*) from household h where h.kabupaten_code = ? and h.welfare_decile = 1 "
        "and h.verification_status in ('valid', 'tambahan_musdes') "
        "and h.household_id not in (select i.household_id from intervention i left join moa m using (moa_id) "
        "where i.household_id is not null and i.given_on <= date '2026-09-25' "
        "and (i.moa_id is null or m.status <> 'draft'))",
        [DEMO_KABUPATEN[0]],
    ).fetchone()[0]
    assert len(listed) == min(
        500, expected
    )  # one page of the list (tests/test_left_behind.py pages through it)
    assert len(at.get("download_button")) >= 2


def test_poverty_line_source_is_written_in_the_readers_language():
    # Tester (?bahasa=en): "US$1,90 PPP 2011 (BPS Maret 2021: Rp 11.941) × IHK Februari 2025 ... (asumsi demo)".
    from sinergi.data.demo.households import ROUNDS
    from sinergi.monitoring.poverty_line import line_source

    source = ROUNDS["poverty_line_source"].iloc[0]
    english = line_source(source, "en")
    assert english == (
        "US$1.90 PPP 2011 (BPS March 2021: IDR 11,941) × CPI February 2025 / March 2021 = 1.116 (demo assumption)"
    )
    assert line_source(source, "id") == source  # the Indonesian sentence reads as recorded
    assert line_source("BPS 2024, garis nasional", "en") == "BPS 2024, garis nasional"  # free text stays


def test_did_chart_keeps_a_label_near_100_percent_inside_the_chart():
    # Tester: "99,4 %" cut off at the top of the Perbandingan chart (range stopped at 105, labels above points).
    from sinergi.monitoring.charts import did_chart

    names = {"sasaran": "Sasaran", "pembanding": "Pembanding", "axis": "%"}
    fig = did_chart(
        {"sasaran": (99.4, 80.0), "pembanding": (97.0, 90.0)}, names, ("Baseline", "Endline"), "id"
    )
    assert fig.layout.yaxis.range[1] >= 110
    assert all(trace.cliponaxis is False for trace in fig.data)
    assert list(fig.data[0].text) == ["99,4 %", "80,0 %"]
    assert (
        list(
            did_chart({"sasaran": (99.4, 80.0), "pembanding": (97.0, 90.0)}, names, ("B", "E"), "en")
            .data[0]
            .text
        )[0]
        == "99.4%"
    )


def test_sankey_names_read_on_a_projector():
    # Walk at 1440 px: plotly's grey node names with a white halo were hard to read over the coloured flows.
    from sinergi.monitoring.charts import transition_sankey

    counts = pd.Series({"keluar": 285, "tetap_miskin": 470, "masuk": 3, "tetap_tidak_miskin": 30})
    labels = {"poor": "Miskin ekstrem", "not_poor": "Tidak miskin ekstrem"}
    labels |= {k: k for k in counts.index}
    font = transition_sankey(counts, labels, ("Baseline 2025", "Endline 2026")).data[0].textfont
    assert font.shadow == "none" and font.color == "#1a1a1a" and font.size >= 14


def test_budget_bars_lie_down_so_their_names_read_across():
    # Walk in English: "National budget (APBN)" and programme names stood on end under the bars.
    from sinergi.monitoring.charts import budget_bars

    totals = pd.DataFrame(
        {
            "year": [2025, 2025, 2026],
            "source": ["apbn", "dana_desa", "apbn"],
            "allocated_rp": [8e9, 2e9, 7e9],
            "realised_rp": [7e9, 1e9, 5e9],
        }
    )
    names = {"apbn": "National budget (APBN)", "dana_desa": "Village fund", "allocated": "A", "realised": "R"}
    fig = budget_bars(totals, "source", names | {"axis": "IDR billion"}, "en")
    assert all(bar.orientation == "h" for bar in fig.data)
    assert list(fig.data[0].y[1]) == ["National budget (APBN)", "Village fund", "National budget (APBN)"]
    assert fig.layout.xaxis.tickformat and fig.layout.xaxis.title.text == "IDR billion"
