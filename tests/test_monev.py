"""Monitoring logic and queries: DiD on a known example, transitions, coverage, left-behind, budget, all recomputed."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO_KABUPATEN, open_page

from sinergi.data import db
from sinergi.monitoring.analysis import (
    cost_per_household,
    diff_in_diff,
    overlap_bins,
    transition_counts,
)

ROUND, BASELINE = 2, 1
AS_OF = date(2026, 10, 31)


def test_diff_in_diff_known_answer():
    rows = [
        # kecamatan, group, households, poor at baseline, poor now
        ("K1", "sasaran", 100, 90, 60),  # 90 % -> 60 %: -30
        ("K1", "pembanding", 200, 40, 30),  # 20 % -> 15 %: -5   => did -25
        ("K2", "sasaran", 300, 240, 150),  # 80 % -> 50 %: -30
        ("K2", "pembanding", 100, 10, 20),  # 10 % -> 20 %: +10  => did -40
        ("K3", "pembanding", 50, 5, 5),  # no targets: left out
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "kecamatan_code",
            "group_code",
            "households_count",
            "baseline_extreme_poor_count",
            "extreme_poor_count",
        ],
    ).assign(kecamatan_name=lambda f: f["kecamatan_code"])
    result = diff_in_diff(frame)
    assert result.estimate_pp == pytest.approx(-36.25)  # (100 x -25 + 300 x -40) / 400
    assert (result.treated_households, result.control_households, result.kecamatan_count) == (400, 300, 2)
    assert result.by_kecamatan.set_index("kecamatan_code")["did_pp"].to_dict() == pytest.approx(
        {"K1": -25.0, "K2": -40.0}
    )


def test_diff_in_diff_without_comparison_group():
    frame = pd.DataFrame(
        {
            "kecamatan_code": ["K1"],
            "kecamatan_name": ["K1"],
            "group_code": ["sasaran"],
            "households_count": [10],
            "baseline_extreme_poor_count": [9],
            "extreme_poor_count": [5],
        }
    )
    assert diff_in_diff(frame).estimate_pp is None


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
            {"realised_rp": [1000.0], "reached_households_count": [4], "left_extreme_poverty_count": [0]}
        )
    )
    assert (cost.per_reached_rp, cost.per_left_rp) == (250.0, None)


@pytest.fixture(scope="module")
def observed():
    import duckdb

    con = duckdb.connect(str(db.database_path()), read_only=True)
    obs = con.sql(
        "select o.household_id, o.round_id, o.welfare_decile, "
        "o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day as poor "
        "from household_observation o join monitoring_round r using (round_id)"
    ).df()
    hh = con.sql("select * exclude (head_name, head_nik) from household").df()
    targets = con.sql("select distinct household_id from moa_target_household").df()
    interventions = con.sql("select * from intervention").df()
    budget = con.sql("select * from budget_allocation").df()
    con.close()
    wide = obs[obs["round_id"] == BASELINE].merge(
        obs[obs["round_id"] == ROUND], on="household_id", suffixes=("_b", "_r")
    )
    wide = wide.merge(hh, on="household_id")
    wide["is_target"] = wide["household_id"].isin(targets["household_id"])
    return {"wide": wide, "hh": hh, "int": interventions, "budget": budget}


def _in(frame: pd.DataFrame, region: str, col: str = "desa_code") -> pd.DataFrame:
    return frame[(frame[col] + ".").str.startswith(region + ".")]


@pytest.mark.parametrize("region", [*DEMO_KABUPATEN, "99.05.03"])
def test_transitions_match_pandas(observed, region):
    got = db.run_query(
        "household_transitions_by_desa", region=region, round_id=ROUND, baseline_round_id=BASELINE
    )
    w = _in(observed["wide"], region)
    exp = w.groupby(
        ["desa_code", "is_target", "poor_b", "poor_r", "welfare_decile_b", "welfare_decile_r"]
    ).size()
    got_s = got.set_index(
        ["desa_code", "is_target", "was_extreme_poor", "is_extreme_poor", "baseline_decile", "decile"]
    )["households_count"]
    assert got_s.sort_index().tolist() == exp.sort_index().tolist()
    assert int(got["households_count"].sum()) == len(w)


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
def test_did_inputs_match_pandas(observed, region):
    got = db.run_query("did_by_kecamatan", region=region, round_id=ROUND, baseline_round_id=BASELINE)
    w = _in(observed["wide"], region)
    w = w[w["is_target"] | (w["welfare_decile"] <= 2)]
    w = w.assign(group_code=np.where(w["is_target"], "sasaran", "pembanding"))
    exp = w.groupby(["kecamatan_code", "group_code"]).agg(
        n=("household_id", "size"), b=("poor_b", "sum"), r=("poor_r", "sum")
    )
    got = got.set_index(["kecamatan_code", "group_code"]).sort_index()
    assert got["households_count"].tolist() == exp["n"].tolist()
    assert got["baseline_extreme_poor_count"].tolist() == exp["b"].tolist()
    assert got["extreme_poor_count"].tolist() == exp["r"].tolist()


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
def test_coverage_and_overlap_match_pandas(observed, region):
    hh = _in(observed["hh"], region)
    verified = hh[(hh["welfare_decile"] == 1) & hh["verification_status"].isin(["valid", "tambahan_musdes"])]
    given = observed["int"][observed["int"]["household_id"].isin(verified["household_id"])]
    cov = db.run_query("intervention_coverage", region=region)
    by_source = cov[cov["dimension"] == "source"].set_index("dimension_value")["households_reached_count"]
    assert by_source.sort_index().to_dict() == given.groupby("source")["household_id"].nunique().to_dict()
    assert set(cov["target_households_count"]) == {len(verified)}
    sources = (
        given.groupby("household_id")["source"].nunique().reindex(verified["household_id"], fill_value=0)
    )
    overlap = db.run_query("intervention_overlap", region=region).set_index("sources_count")[
        "households_count"
    ]
    assert overlap.to_dict() == sources.value_counts().sort_index().to_dict()


def test_left_behind_equals_independent_query(con):
    region = DEMO_KABUPATEN[1]
    independent = con.execute(
        """
        select h.household_id from household h
        left join (select distinct household_id from intervention where household_id is not null) i
            on i.household_id = h.household_id
        where h.kabupaten_code = ? and h.welfare_decile = 1
            and h.verification_status in ('valid', 'tambahan_musdes') and i.household_id is null
        order by h.household_id
        """,
        [region],
    ).df()
    got = db.run_query("left_behind_households", region=region, today=AS_OF, show_names=False)
    assert sorted(got["household_id"]) == independent["household_id"].tolist()
    assert got["head_name"].isna().all() and got["head_nik"].isna().all()
    named = db.run_query("left_behind_households", region=region, today=AS_OF, show_names=True)
    assert named["head_nik"].str.len().eq(16).all()


def test_left_behind_list_on_page_hides_names(app, con):
    at = open_page(app, "pages/interventions.py", wilayah=DEMO_KABUPATEN[0], putaran="2")
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    listed = next(t for t in tables if "ID Keluarga P3KE" in t.columns)
    assert "Nama KK" not in listed.columns and "NIK KK" not in listed.columns
    expected = con.execute(
        "select count(*) from household h where h.kabupaten_code = ? and h.welfare_decile = 1 "
        "and h.verification_status in ('valid', 'tambahan_musdes') "
        "and h.household_id not in (select household_id from intervention where household_id is not null)",
        [DEMO_KABUPATEN[0]],
    ).fetchone()[0]
    assert len(listed) == expected
    assert len(at.get("download_button")) >= 2


@pytest.mark.parametrize("region", [*DEMO_KABUPATEN, "99.02.03"])
def test_budget_matches_raw(observed, region):
    got = db.run_query("budget_by_program", region=region)
    b = observed["budget"][observed["budget"]["kabupaten_code"] == region[:5]]
    exp = b.groupby("year")[["allocated_rp", "realised_rp"]].sum()
    assert got.groupby("year")[["allocated_rp", "realised_rp"]].sum().to_dict() == exp.to_dict()
    basis = db.run_query("budget_cost_basis", region=region, round_id=ROUND, baseline_round_id=BASELINE).iloc[
        0
    ]
    assert basis["realised_rp"] == b[b["year"] <= 2026]["realised_rp"].sum()
    w = observed["wide"][observed["wide"]["kabupaten_code"] == region[:5]]
    assert basis["left_extreme_poverty_count"] == int((w["poor_b"] & ~w["poor_r"]).sum())
