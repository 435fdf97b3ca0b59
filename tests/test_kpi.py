"""KPI contract: attainment and status rules, and every KPI of every MoA and region recomputed in pandas."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_PROVINCE, DEMO_ROUND
from figures_pandas import kpi_frame

from sinergi.data import db
from sinergi.monitoring.kpi import (
    STATUS_COLOURS,
    attainment_pct,
    elapsed_share,
    kpi_status,
    with_attainment,
)

ROUND, BASELINE = DEMO_ROUND, DEMO_BASELINE_ROUND
AS_OF = DEMO_AS_OF
SIGNED = ("aktif", "diperpanjang", "berakhir")


def test_attainment_higher_is_better():
    assert attainment_pct(10, 30, 50, "higher") == 50.0
    assert attainment_pct(0, 60, 50, "higher") == 120.0
    assert attainment_pct(10, 5, 50, "higher") == -12.5


def test_attainment_lower_is_better():
    # share falls from 90 % to 60 % against a target of 45 %: two thirds of the way
    assert attainment_pct(90, 60, 45, "lower") == pytest.approx(66.6666667)
    assert attainment_pct(4, 6, 2, "lower") == -100.0


def test_attainment_unmeasurable():
    assert attainment_pct(5, 5, 5, "lower") is None
    assert attainment_pct(5, 8, 3, "higher") is None  # target asks for a fall on a higher-is-better KPI
    assert attainment_pct(None, 5, 8, "higher") is None
    assert attainment_pct(1.0, float("nan"), 8, "higher") is None
    with pytest.raises(ValueError):
        attainment_pct(1, 2, 3, "up")


def test_elapsed_share_is_clamped():
    start, end = date(2025, 1, 1), date(2026, 1, 1)
    assert elapsed_share(start, end, date(2025, 7, 2)) == pytest.approx(0.5, abs=0.01)
    assert elapsed_share(start, end, date(2024, 1, 1)) == 0.0
    assert elapsed_share(start, end, date(2027, 1, 1)) == 1.0


def test_status_rule():
    assert kpi_status(100.0, 0.3) == "tercapai"
    assert kpi_status(140.0, 1.0) == "tercapai"
    assert kpi_status(55.0, 0.5) == "sesuai_jalur"
    assert kpi_status(45.0, 0.5) == "belum_tercapai"
    assert kpi_status(99.0, 1.0) == "belum_tercapai"  # period over, target missed
    assert kpi_status(None, 0.5) == "tidak_terukur"
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)


def test_with_attainment_adds_status():
    frame = pd.DataFrame(
        {
            "baseline_value": [90.0, 0.0],
            "value": [40.0, 10.0],
            "target_value": [50.0, 40.0],
            "direction": ["lower", "higher"],
            "moa_started_on": [date(2025, 1, 1)] * 2,
            "moa_ended_on": [date(2027, 1, 1)] * 2,
            "round_ended_on": [date(2026, 1, 1)] * 2,
        }
    )
    out = with_attainment(frame)
    assert out["status"].tolist() == ["tercapai", "belum_tercapai"]
    assert out["change"].tolist() == [-50.0, 10.0]
    # measured over part of the MoA's households: the share still counts, the count does not
    part = frame.assign(unit=["persen", "orang"], target_households_count=50, moa_target_households_count=80)
    assert with_attainment(part)["status"].tolist() == ["tercapai", "tidak_terukur"]


def test_attainment_starts_from_the_written_baseline_for_the_whole_moa():
    frame = pd.DataFrame(
        {
            "baseline_value": [90.0, 90.0, 90.0],  # measured at the baseline round
            "mou_baseline_value": [80.0, 80.0, float("nan")],  # written in the MoA (the last states none)
            "value": [60.0, 60.0, 60.0],
            "target_value": [40.0, 40.0, 40.0],
            "direction": ["lower"] * 3,
            "unit": ["persen"] * 3,
            "target_households_count": [100, 40, 100],  # the second covers part of the MoA
            "moa_target_households_count": [100, 100, 100],
            "moa_started_on": [date(2025, 1, 1)] * 3,
            "moa_ended_on": [date(2027, 1, 1)] * 3,
            "round_ended_on": [date(2026, 1, 1)] * 3,
        }
    )
    out = with_attainment(frame)
    assert out["baseline_source"].tolist() == ["tertulis", "terukur", "terukur"]
    assert out["attainment_pct"].tolist() == pytest.approx(
        [50.0, 60.0, 60.0]
    )  # (80-60)/(80-40); (90-60)/(90-40)
    assert out["change"].tolist() == [-30.0, -30.0, -30.0]  # the measured change


# ---- independent recomputation over the raw tables -----------------------------------------------------------


@pytest.fixture(scope="module")
def raw():
    import duckdb

    con = duckdb.connect(str(db.database_path()), read_only=True)
    tables = {
        "household": con.sql("from household").df(),
        "household_observation": con.sql("from household_observation").df(),
        "moa_target_household": con.sql("from moa_target_household").df(),
        "monitoring_round": con.sql("from monitoring_round").df(),
    }
    tables["kpi_target"] = con.sql("from kpi_target").df()
    tables["moa"] = con.sql("from moa").df()
    tables["region"] = con.sql("select region_code, level from region").df()
    tables["moa_target_desa"] = con.sql("from moa_target_desa").df()
    con.close()
    moa = tables["moa"]
    signed = moa[moa["status"].isin(SIGNED) & (moa["signed_on"] <= pd.Timestamp(AS_OF))]["moa_id"]
    tables["signed_targets"] = tables["moa_target_household"][
        tables["moa_target_household"]["moa_id"].isin(signed)
    ]
    tables["signed"] = set(signed)
    obs = tables["household_observation"].merge(
        tables["household"][
            ["household_id", "desa_code", "kabupaten_code", "kecamatan_code", "mothers_children_count"]
        ],
        on="household_id",
    )
    line = tables["monitoring_round"].set_index("round_id")["poverty_line_rp_per_capita_day"]
    obs["poor"] = obs["expenditure_rp_per_capita_day"] < obs["round_id"].map(line)
    tables["obs"] = obs[obs["round_id"].isin([ROUND, BASELINE])]
    return tables


def _regions(raw) -> list[str]:
    """The province, every kabupaten and every third kecamatan (each kabupaten has some): enough to meet every
    MoA whole and in parts, in a fraction of the time of all 67 kecamatan."""
    r = raw["region"]
    kecamatan = sorted(r.loc[r["level"] == "kecamatan", "region_code"])
    return [DEMO_PROVINCE, *sorted(r.loc[r["level"] == "kabupaten", "region_code"]), *kecamatan[::3]]


def test_kpi_by_moa_matches_pandas_for_every_moa_and_region(raw):
    targets = raw["signed_targets"]
    checked = 0
    for region in _regions(raw):
        got = db.run_query(
            "kpi_by_moa", region=region, round_id=ROUND, baseline_round_id=BASELINE, as_of=AS_OF
        )
        in_region = raw["obs"][(raw["obs"]["desa_code"] + ".").str.startswith(region + ".")]
        long = kpi_frame(targets.merge(in_region, on="household_id"), ["moa_id"])
        moa, desa = raw["moa"], raw["moa_target_desa"]
        scoped = raw["signed"] & (
            set(moa[(moa["kabupaten_code"] + ".").str.startswith(region + ".")]["moa_id"])
            | set(desa[(desa["desa_code"] + ".").str.startswith(region + ".")]["moa_id"])
        )
        expected = raw["kpi_target"][raw["kpi_target"]["moa_id"].isin(scoped)]
        assert len(got) == len(expected), region
        for rnd, col, ncol in [
            (BASELINE, "baseline_value", "baseline_households_count"),
            (ROUND, "value", "households_count"),
        ]:
            exp = expected.merge(long[long["round_id"] == rnd], on=["moa_id", "kpi_code"], how="left")
            merged = got.merge(exp, on=["moa_id", "kpi_code"], how="left", suffixes=("", "_exp"))
            assert (merged[col].isna() == merged["v"].isna()).all()
            both = merged[merged["v"].notna()]
            assert (both[col] == both["v"]).all(), (region, rnd)  # exact, not approximate
            assert (both[ncol] == both["n"]).all()
        checked += len(got)
    assert checked > 500


def test_kpi_by_moa_targets_are_the_agreement_figures(raw):
    got = db.run_query(
        "kpi_by_moa", region=DEMO_PROVINCE, round_id=ROUND, baseline_round_id=BASELINE, as_of=AS_OF
    )
    merged = got.merge(raw["kpi_target"], on=["moa_id", "kpi_code"], suffixes=("", "_mou"))
    signed = raw["kpi_target"][raw["kpi_target"]["moa_id"].isin(raw["signed"])]
    assert len(merged) == len(signed) == len(got)
    assert not set(got["moa_status"]) & {"draft", "dihentikan"}  # drafts and discontinued MoAs are pipeline
    assert (merged["target_value"] == merged["target_value_mou"]).all()
    assert (merged["mou_baseline_value"] == merged["baseline_value_mou"]).all()


def test_kpi_by_region_matches_pandas(raw):
    targeted = raw["signed_targets"][["household_id"]].drop_duplicates()
    for region in [DEMO_PROVINCE, "99.02", "99.05", "99.05.03"]:
        got = db.run_query(
            "kpi_by_region", region=region, round_id=ROUND, baseline_round_id=BASELINE, as_of=AS_OF
        )
        obs = raw["obs"][(raw["obs"]["desa_code"] + ".").str.startswith(region + ".")]
        obs = targeted.merge(obs, on="household_id").assign(wilayah=region)
        for level, key in [
            ("wilayah", "wilayah"),
            ("kabupaten", "kabupaten_code"),
            ("kecamatan", "kecamatan_code"),
        ]:
            long = kpi_frame(obs, [key]).rename(columns={key: "area_code"})
            part = got[got["area_level"] == level]
            for rnd, col, ncol in [
                (BASELINE, "baseline_value", "baseline_households_count"),
                (ROUND, "value", "households_count"),
            ]:
                exp = long[long["round_id"] == rnd]
                merged = part.merge(exp, on=["area_code", "kpi_code"], how="outer", indicator=True)
                assert (merged["_merge"] == "both").all(), (region, level)
                assert (merged[col] == merged["v"]).all(), (region, level, rnd)
                assert (merged[ncol] == merged["n"]).all()


@pytest.mark.parametrize(("region", "moa_id"), [("99.02", ""), ("99.05", "MOA-0502"), (DEMO_PROVINCE, "")])
def test_kpi_by_group_matches_pandas(raw, region, moa_id):
    got = db.run_query(
        "kpi_by_group", region=region, round_id=ROUND, baseline_round_id=BASELINE, moa_id=moa_id, as_of=AS_OF
    )
    targets = raw["signed_targets"]
    if moa_id:
        targets = targets[targets["moa_id"] == moa_id]
    hh = raw["household"].set_index("household_id")
    start = raw["monitoring_round"].set_index("round_id").loc[BASELINE, "started_on"]
    ids = targets["household_id"].drop_duplicates()
    obs = raw["obs"][raw["obs"]["household_id"].isin(ids)]
    obs = obs[(obs["desa_code"] + ".").str.startswith(region + ".")]
    birth = pd.to_datetime(obs["household_id"].map(hh["head_birth_on"]))
    start = pd.Timestamp(start)
    before_birthday = (birth.dt.month > start.month) | (
        (birth.dt.month == start.month) & (birth.dt.day > start.day)
    )
    years = start.year - birth.dt.year - before_birthday.astype(int)  # completed years of age
    obs = obs.assign(
        head_sex=obs["household_id"].map(hh["head_sex"]),
        head_age_group=np.select([years < 35, years < 60], ["15-34", "35-59"], "60+"),
        disability=np.where(obs["household_id"].map(hh["has_disability_member"]), "ya", "tidak"),
    )
    for dim in ["head_sex", "head_age_group", "disability"]:
        long = kpi_frame(obs.rename(columns={dim: "group_value"}), ["group_value"])
        part = got[got["group_dimension"] == dim]
        for rnd, col in [(BASELINE, "baseline_value"), (ROUND, "value")]:
            merged = part.merge(long[long["round_id"] == rnd], on=["group_value", "kpi_code"], how="outer")
            assert (merged[col] == merged["v"]).all(), (region, dim, rnd)
