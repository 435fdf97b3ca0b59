"""Every figure of Beranda, Monev KPI, Perpindahan, Perbandingan, Intervensi and Anggaran equals an independent pandas
recomputation from the raw tables (tests/figures_pandas.py), for the province, two kabupaten and a kecamatan, as of
dates and rounds set here, on a copy of the demo with drafts and future-dated rows added (issue 12's Done-when)."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest
from figures_pandas import (
    beranda,
    cost_basis,
    cost_per_moa,
    cost_per_program,
    coverage,
    did_groups,
    did_point,
    in_region,
    kpi_by_moa,
    kpi_long,
    load_raw,
    moa_state,
    moas_in_region,
    signed_targets,
    transitions,
    transitions_by_sector,
)

from sinergi.data import db, summary
from sinergi.monitoring.analysis import (
    TRANSITIONS,
    cost_per_household,
    desa_transitions,
    transition_counts,
    transitions_by_sector_query,
)
from sinergi.monitoring.did import did_estimate
from sinergi.monitoring.kpi import with_attainment
from sinergi.overview.headline import headline

KECAMATAN = "99.02.10"
DATA_DATE, LATER, ENDLINE, BASELINE = date(2026, 10, 31), date(2026, 12, 1), 2, 1
# (region, (as-of date, round)): every region on the dataset's date at the endline; the province and a kabupaten on
# a later date that signs MOA-9902 and ends others; a kabupaten and the kecamatan at the baseline round.
CASES = [
    *[(region, (DATA_DATE, ENDLINE)) for region in ("99", "99.02", "99.05", KECAMATAN)],
    ("99", (LATER, ENDLINE)),
    ("99.02", (LATER, ENDLINE)),
    ("99.05", (DATA_DATE, BASELINE)),
    (KECAMATAN, (DATA_DATE, BASELINE)),
]
ROUNDS_APART = [c for c in CASES if c[1][1] != BASELINE]

EXTRA_ROWS = """
-- a draft (unsigned) MoA in the kecamatan with targets, KPI targets, a past and a future intervention
insert into moa select * replace ('MOA-9901' as moa_id, 'NK-9901' as moa_number, 'draft' as status,
    null as signed_on, date '2027-03-01' as started_on, date '2029-02-28' as ended_on, 4 as current_stage_no,
    null as renewal_decision, null as renewal_decided_on) from moa where moa_id = 'MOA-0205';
-- an agreement signed after 31 October: pipeline then, active on 1 December
insert into moa select * replace ('MOA-9902' as moa_id, 'NK-9902' as moa_number, 'aktif' as status,
    date '2026-11-15' as signed_on, date '2026-11-20' as started_on, date '2027-11-19' as ended_on)
    from moa where moa_id = 'MOA-0205';
insert into moa_target_desa select distinct 'MOA-9901', desa_code from household where kecamatan_code = '99.02.10';
insert into moa_target_desa select distinct 'MOA-9902', desa_code from household where kecamatan_code = '99.02.10';
insert into moa_sector values ('MOA-9901', 'pangan'), ('MOA-9902', 'umkm');
insert into moa_target_household
    select 'MOA-9901', household_id from household
    where kecamatan_code = '99.02.10' and is_extreme_poor and verification_status = 'valid'
    order by household_id limit 40;
insert into moa_target_household
    select 'MOA-9902', household_id from household
    where kecamatan_code = '99.02.10' and is_extreme_poor and verification_status = 'valid'
    order by household_id desc limit 30;
insert into kpi_target select * replace ('MOA-9901' as moa_id) from kpi_target where moa_id = 'MOA-0205';
insert into kpi_target select * replace ('MOA-9902' as moa_id) from kpi_target where moa_id = 'MOA-0205';
insert into intervention
    select 'X-' || row_number() over (order by household_id), 'kolaborasi', 'tingkatkan_pendapatan',
        'Budidaya rumput laut', 'pangan', null, t.moa_id, t.household_id, h.desa_code,
        case when row_number() over (order by t.household_id) % 2 = 0 then date '2026-06-01'
             else date '2027-04-01' end, 2000000
    from moa_target_household as t join household as h using (household_id) where t.moa_id = 'MOA-9901';
insert into intervention
    select 'Y-' || row_number() over (order by household_id), 'kolaborasi', 'tingkatkan_pendapatan',
        'Tenun ikat naik kelas', 'umkm', null, 'MOA-9902', t.household_id, h.desa_code, date '2026-11-25', 1500000
    from moa_target_household as t join household as h using (household_id) where t.moa_id = 'MOA-9902';
-- bansos after the end of the endline fieldwork and after the as-of date, for verified households
insert into intervention
    select 'Z-' || row_number() over (order by household_id), 'bansos', 'kurangi_beban', 'PKH', 'kesehatan', null,
        null, household_id, desa_code,
        case when row_number() over (order by household_id) % 2 = 0 then date '2026-10-10' else date '2026-11-10' end,
        750000
    from household where kabupaten_code = '99.05' and is_extreme_poor and verification_status = 'valid'
    order by household_id limit 60;
-- a budget line of next year
insert into budget_allocation select * replace ('ANG-X' as budget_id, 2027 as year)
    from budget_allocation where kabupaten_code = '99.02' limit 1;
"""


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory, demo_database):
    path = tmp_path_factory.mktemp("figures") / "figures.duckdb"
    shutil.copy(demo_database, path)
    con = duckdb.connect(str(path))
    con.execute(EXTRA_ROWS)
    summary.build_summaries(
        con
    )  # rows written outside the importer: rebuild the summaries as an import would
    con.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SINERGI_DB", str(path))
        yield path
    db.close_connection()


@pytest.fixture(scope="module")
def raw(fixture_db):
    return load_raw(str(fixture_db))


def _params(region: str, case: tuple[date, int]) -> dict:
    as_of, round_id = case
    return {
        "region": region,
        "round_id": round_id,
        "baseline_round_id": BASELINE,
        "as_of": as_of,
        "moa_id": "",
    }


def test_the_fixture_holds_drafts_and_future_rows(raw):
    moa = moa_state(raw, date(2026, 10, 31)).set_index("moa_id")
    assert not moa.loc["MOA-9901", "is_signed"] and not moa.loc["MOA-9902", "is_signed"]
    assert moa_state(raw, date(2026, 12, 1)).set_index("moa_id").loc["MOA-9902", "is_active"]
    assert (raw["intervention"]["given_on"] > pd.Timestamp(2026, 10, 31)).sum() >= 60


@pytest.mark.parametrize(("region", "case"), CASES, ids=str)
def test_beranda(raw, region, case):
    p = _params(region, case)
    fig = headline(
        db.run_query("overview_households", **p),
        db.run_query("overview_moa", **p),
        db.run_query("overview_budget", **p),
    )
    exp = beranda(raw, region, case[1], BASELINE, case[0])
    assert fig.extreme_poor_households == exp["extreme_poor_households"]
    assert fig.extreme_poor_people == exp["extreme_poor_people"]
    assert fig.verified_targets == exp["verified_targets"]
    assert fig.verified_targets_reached_pct == pytest.approx(
        100 * exp["verified_targets_reached"] / exp["verified_targets"]
    )
    assert fig.extreme_poor_share_pct == pytest.approx(
        100 * exp["extreme_poor_households"] / exp["all_households"]
    )
    assert (fig.observed_extreme_poor, fig.baseline_extreme_poor) == (
        exp["observed_extreme_poor"],
        exp["baseline_extreme_poor"],
    )
    assert (fig.active_moa, fig.ending_soon_moa, fig.ended_undecided_moa) == (
        exp["active_moa"],
        exp["ending_soon_moa"],
        exp["ended_undecided_moa"],
    )
    assert (fig.budget_year, fig.budget_allocated_rp, fig.budget_realised_rp) == (
        exp["budget_year"],
        exp["budget_allocated_rp"],
        exp["budget_realised_rp"],
    )
    by_child = db.run_query("extreme_poor_by_child_region", **p)
    assert by_child["extreme_poor_households_count"].sum() == exp["extreme_poor_households"]
    assert by_child["observed_extreme_poor_count"].sum() == exp["observed_extreme_poor"]


@pytest.mark.parametrize(("region", "case"), CASES, ids=str)
def test_monev_kpi(raw, region, case):
    p = _params(region, case)
    got = with_attainment(db.run_query("kpi_by_moa", **p)).set_index(["moa_id", "kpi_code"]).sort_index()
    exp = kpi_by_moa(raw, region, case[1], BASELINE, case[0]).set_index(["moa_id", "kpi_code"]).sort_index()
    assert list(got.index) == list(exp.index)
    for column in ["baseline_value", "value", "attainment_pct", "elapsed_share"]:
        assert got[column].tolist() == pytest.approx(exp[column].tolist(), nan_ok=True), column
    assert got["status"].tolist() == exp["status"].tolist()
    # the region's figures (small multiples): every household targeted by a signed MoA, counted once
    targeted = signed_targets(raw, case[0])[["household_id"]].drop_duplicates()
    targeted = targeted.merge(
        raw["household"][["household_id", "desa_code", "kecamatan_code"]], on="household_id"
    )
    targeted = targeted[in_region(targeted["desa_code"], region)]
    areas = kpi_long(
        raw, targeted[["household_id", "kecamatan_code"]], ["kecamatan_code"], (BASELINE, case[1])
    )
    areas = areas[areas["round_id"] == case[1]].set_index(["kecamatan_code", "kpi_code"]).sort_index()
    by_area = db.run_query("kpi_by_region", **p)
    by_area = by_area[by_area["area_level"] == "kecamatan"].set_index(["area_code", "kpi_code"]).sort_index()
    assert list(by_area.index) == list(areas.index)
    assert by_area["value"].tolist() == pytest.approx(areas["v"].tolist())
    assert by_area["households_count"].tolist() == areas["n"].tolist()
    registry = db.run_query("moa_registry", **p)
    pipeline = set(registry.loc[~registry["is_signed"], "moa_id"])
    state = moa_state(raw, case[0])
    assert pipeline == moas_in_region(raw, region) - set(state.loc[state["is_signed"], "moa_id"])
    assert not pipeline & set(got.index.get_level_values(0))


@pytest.mark.parametrize(("region", "case"), CASES, ids=str)
def test_perpindahan(raw, region, case):
    p = _params(region, case)
    rows = db.run_query("household_transitions_by_desa", **p)
    exp = transitions(raw, region, case[1], BASELINE, case[0])
    keys = ["desa_code", "is_target", "was_extreme_poor", "is_extreme_poor", "baseline_decile", "decile"]
    got = rows.set_index(keys)["households_count"].sort_index()
    exp = exp.set_index(
        ["desa_code", "is_target", "poor_b", "poor_r", "welfare_decile_b", "welfare_decile_r"]
    )["n"]
    assert got.tolist() == exp.sort_index().tolist()
    # what the page reads instead of those rows: the region's counts by status and decile, and per desa in pages
    by_decile = db.run_query("household_transitions_by_decile", **p).set_index(keys[1:])["households_count"]
    assert by_decile.to_dict() == got.groupby(level=keys[1:]).sum().to_dict()
    for targets_only in (False, True):
        expected = desa_transitions(rows[rows["is_target"]] if targets_only else rows)
        q = {**p, "targets_only": targets_only}
        every = db.run_query("household_transitions_desa", **q, page_size=None, page_offset=0)
        pages = [
            db.run_query("household_transitions_desa", **q, page_size=7, page_offset=o) for o in (0, 7, 14)
        ]
        assert pd.concat([f for f in pages if len(f)], ignore_index=True).equals(every.head(21))
        assert set(every["desa_count"]) <= {len(expected)} and len(every) == len(expected)
        labels = every["desa_name"] + " (" + every["desa_code"] + ")"
        assert labels.tolist() == expected["desa"].tolist()
        columns = [*TRANSITIONS, "households_count"]
        assert every[columns].to_numpy().tolist() == expected[columns].to_numpy().tolist()
    ended = db.run_query("monitoring_rounds").set_index("round_id").loc[case[1], "ended_on"]
    sectors = db.run_query(transitions_by_sector_query(ended, case[0]), **p)
    exp_s = transitions_by_sector(raw, region, case[1], BASELINE, case[0])
    assert (
        transition_counts(sectors, "sector_code").set_index("sector_code").to_dict()
        == transition_counts(
            exp_s.rename(
                columns={"poor_b": "was_extreme_poor", "poor_r": "is_extreme_poor", "n": "households_count"}
            ),
            "sector_code",
        )
        .set_index("sector_code")
        .to_dict()
    )


@pytest.mark.parametrize(("region", "case"), ROUNDS_APART, ids=str)
def test_perbandingan(raw, region, case):
    p = _params(region, case)
    panel = db.run_query("did_panel", **p)
    groups = did_groups(raw, region, case[1], BASELINE, case[0])
    got_sizes = panel[panel["is_in_region"]].groupby("group_code")["households_count"].sum()
    exp_sizes = groups[groups["is_in_region"]].groupby("group_code").size()
    assert got_sizes.to_dict() == exp_sizes.to_dict()
    for treated in ("sasaran", "plasebo"):
        estimate = did_estimate(panel, treated, replicates=199)
        expected = did_point(groups, treated)
        if expected is None:
            assert estimate.estimate_pp is None
            continue
        assert estimate.estimate_pp == pytest.approx(expected)
        assert estimate.low_pp <= estimate.estimate_pp <= estimate.high_pp


@pytest.mark.parametrize(("region", "case"), CASES, ids=str)
def test_intervensi(raw, region, case):
    p = {**_params(region, case), "show_names": False}
    exp = coverage(raw, region, case[1], case[0])
    cov = db.run_query("intervention_coverage", **p)
    for dimension in ("source", "sector", "strategy"):
        part = cov[cov["dimension"] == dimension].set_index("dimension_value")["households_reached_count"]
        assert part.to_dict() == exp[f"by_{dimension}"], dimension
    assert set(cov["target_households_count"]) <= {exp["targets"]}
    overlap = db.run_query("intervention_overlap", **p).set_index("sources_count")["households_count"]
    assert overlap.to_dict() == exp["overlap"]
    listed = db.run_query("left_behind_households", **p, page_size=None, page_offset=0)
    assert sorted(listed["household_id"]) == exp["left_behind"]


@pytest.mark.parametrize(("region", "case"), CASES, ids=str)
def test_anggaran(raw, region, case):
    p = _params(region, case)
    exp = cost_basis(raw, region, case[1], BASELINE, case[0])
    got = db.run_query("budget_cost_basis", **p).iloc[0]
    assert {k: got[k] for k in exp} == pytest.approx(exp)
    cost = cost_per_household(db.run_query("budget_cost_basis", **p))
    assert cost.per_reached_rp == pytest.approx(exp["realised_rp"] / exp["reached_without_bansos_count"])
    assert cost.per_reached_with_bansos_rp == pytest.approx(
        (exp["realised_rp"] + exp["bansos_rp"]) / exp["reached_households_count"]
    )
    per_moa = db.run_query("cost_per_moa", **p)
    exp_moa = cost_per_moa(raw, region, case[1], BASELINE, case[0])
    columns = [
        "moa_id",
        "realised_rp",
        "target_households_count",
        "reached_households_count",
        "left_extreme_poverty_count",
    ]
    assert per_moa[columns].to_dict("records") == exp_moa[columns].to_dict("records")
    per_program = db.run_query("cost_per_program", **p)
    got_program = {
        (r.kabupaten_code, r.program): (r.realised_rp, r.households_reached_count)
        for r in per_program.itertuples()
    }
    assert got_program == cost_per_program(raw, region, case[1], case[0])
