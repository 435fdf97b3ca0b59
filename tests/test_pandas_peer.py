"""The pandas peer of benchmarks/screens.py answers the same questions as the app: every peer's whole answer (every
row and column) equals its query's on the demo database, for a province, a kabupaten and a kecamatan, and at other
as-of dates, rounds and page options where the answer depends on them, so the benchmark's ratio compares like with
like and its `same answer` column cannot drift silently."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_KABUPATEN, DEMO_PROVINCE, DEMO_ROUND

from sinergi.common.suppressed import Count
from sinergi.data import db

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import pandas_peer

KABUPATEN = DEMO_KABUPATEN[0]
IN_FIELDWORK = dt.date(2026, 9, 10)  # inside the last round's fieldwork: round_as_of is the as-of date itself
EARLIER = dt.date(2026, 3, 1)  # fewer MoAs signed, fewer interventions given
LATER = dt.date(
    2027, 6, 30
)  # collaboration interventions of 2024-2025 fall out of Koordinasi's two-year window
# each peer at two region levels (three for the page-level headline figures); area_level where the query takes one;
# other as-of dates and page options where the answer depends on them
CASES = [
    ("overview_households", "province", {}),
    ("overview_households", "kabupaten", {}),
    ("overview_households", "kecamatan", {}),
    ("extreme_poor_by_child_region", "province", {}),
    ("extreme_poor_by_child_region", "kecamatan", {}),
    ("location_indicators", "kabupaten", {}),
    ("location_indicators", "kecamatan", {}),
    ("location_indicators_by_area", "province", {}),
    ("location_indicators_by_area", "kabupaten", {}),
    ("household_transitions_by_desa", "kabupaten", {}),
    ("household_transitions_by_desa", "kecamatan", {}),
    ("kpi_by_moa", "province", {}),
    ("kpi_by_moa", "kecamatan", {}),
    ("intervention_coverage", "province", {}),
    ("intervention_coverage", "kecamatan", {}),
    ("left_behind_households", "kabupaten", {}),
    ("left_behind_households", "kecamatan", {}),
    ("budget_cost_basis", "province", {}),
    ("budget_cost_basis", "kecamatan", {}),
    ("scorecard_kabupaten", "province", {}),
    ("scorecard_kabupaten", "kecamatan", {}),
    ("household_transitions_by_decile", "province", {}),
    ("household_transitions_by_decile", "kecamatan", {}),
    ("household_transitions_by_decile", "kabupaten", {"as_of": EARLIER}),
    ("household_transitions_by_sector", "kabupaten", {}),
    ("household_transitions_by_sector", "kecamatan", {}),
    ("household_transitions_by_sector_rows", "province", {}),
    ("household_transitions_by_sector_rows", "kabupaten", {"as_of": IN_FIELDWORK}),
    ("household_transitions_desa", "province", {"targets_only": False}),
    ("household_transitions_desa", "kabupaten", {"targets_only": True, "as_of": EARLIER}),
    ("household_transitions_desa", "kecamatan", {"targets_only": True}),
    ("did_panel", "province", {}),
    ("did_panel", "kabupaten", {}),
    ("did_panel", "kecamatan", {"as_of": IN_FIELDWORK}),
    ("did_panel", "kabupaten", {"as_of": EARLIER}),
    ("intervention_overlap", "province", {}),
    ("intervention_overlap", "kecamatan", {}),
    ("intervention_overlap", "kabupaten", {"as_of": IN_FIELDWORK}),
    ("left_behind_by_desa", "province", {}),
    ("left_behind_by_desa", "kecamatan", {}),
    ("left_behind_by_desa", "kabupaten", {"round_id": DEMO_BASELINE_ROUND}),
    ("briefing_extreme_poor_by_desa", "kabupaten", {}),
    ("briefing_extreme_poor_by_desa", "kecamatan", {}),
    ("cost_per_moa", "province", {}),
    ("cost_per_moa", "kecamatan", {}),
    ("cost_per_moa", "kabupaten", {"as_of": EARLIER}),
    ("cost_per_program", "province", {}),
    ("cost_per_program", "kecamatan", {}),
    ("cost_per_program", "kabupaten", {"round_id": DEMO_BASELINE_ROUND}),
    ("sector_need_by_desa", "province", {"gaps_only": True}),
    ("sector_need_by_desa", "kabupaten", {"gaps_only": False}),
    ("sector_need_by_desa", "kecamatan", {"gaps_only": True, "as_of": EARLIER}),
    ("sector_need_by_desa", "kabupaten", {"gaps_only": False, "as_of": LATER}),
    ("actors_by_area_sector", "province", {}),
    ("actors_by_area_sector", "kabupaten", {}),
    ("actors_by_area_sector", "kecamatan", {"as_of": EARLIER}),
    ("actors_by_area_sector", "kabupaten", {"as_of": LATER}),
]


@pytest.fixture(scope="module")
def frames(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("peer") / "demo.parquet"
    with db.reading() as con:
        pandas_peer.export_parquet(con, folder)
    return pandas_peer.load(folder, list(pandas_peer.NEEDS))


@pytest.fixture(scope="module")
def regions(demo_database: Path) -> dict[str, str]:
    kecamatan = db.run_query("regions_under", parent_code=KABUPATEN)["region_code"].iloc[0]
    return {"province": DEMO_PROVINCE, "kabupaten": KABUPATEN, "kecamatan": kecamatan}


def _params(region: str) -> dict[str, object]:
    return {
        "region": region,
        "round_id": DEMO_ROUND,
        "baseline_round_id": DEMO_BASELINE_ROUND,
        "as_of": DEMO_AS_OF,
        "show_names": False,
        "page_size": 25,
        "page_offset": 25 if len(region) < 8 else 0,  # a later page where there are enough rows
        "area_level": "kabupaten" if len(region) == 2 else "kecamatan",
        "targets_only": False,
        "gaps_only": True,
    }


def test_every_peer_is_checked() -> None:
    assert {name for name, _, _ in CASES} == set(pandas_peer.PEERS)


@pytest.mark.parametrize(("name", "level", "options"), CASES)
def test_peer_answers_as_the_app(name: str, level: str, options: dict, frames: dict, regions: dict) -> None:
    params = _params(regions[level]) | options
    app = db.run_query(name, **params)
    assert len(app) > 0  # a comparison of two empty answers would prove nothing
    assert pandas_peer.differences(pandas_peer.PEERS[name](frames, **params), app) == []


def test_a_wrong_answer_differs_and_counts_compare_as_numbers(frames: dict, regions: dict) -> None:
    params = _params(regions["kabupaten"])
    app = db.run_query("extreme_poor_by_child_region", **params)
    peer = pandas_peer.PEERS["extreme_poor_by_child_region"](frames, **params)
    counted = app.assign(
        extreme_poor_households_count=[Count(v) for v in app["extreme_poor_households_count"]]
    )
    assert pandas_peer.agrees("extreme_poor_by_child_region", peer, counted)
    wrong = peer.copy()
    wrong.iloc[0, wrong.columns.get_loc("observed_extreme_poor_count")] += 1
    assert pandas_peer.differences(wrong, app)[0].startswith("observed_extreme_poor_count")
    assert not pandas_peer.agrees("extreme_poor_by_child_region", peer.iloc[1:], app)
    assert not pandas_peer.agrees("extreme_poor_by_child_region", peer.drop(columns="name"), app)
