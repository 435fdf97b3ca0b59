"""A naive pandas peer of the app's household-scale queries: Parquet into DataFrames, filter, merge, group.

Each function answers the same question as the query file of the same name (for `region`, `round_id`,
`baseline_round_id`), from the raw tables as exported, the way an analyst would with pandas. The benchmark compares its
time with the app's (benchmarks/screens.py) and checks a total of each answer against the app's result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

VERIFIED = ("valid", "tambahan_musdes")
# table -> columns each peer may read
COLUMNS = {
    "household": [
        "household_id",
        "desa_code",
        "kecamatan_code",
        "kabupaten_code",
        "welfare_decile",
        "is_extreme_poor",
        "verification_status",
        "members_count",
        "mothers_children_count",
    ],
    "household_observation": [
        "household_id",
        "round_id",
        "expenditure_rp_per_capita_day",
        "welfare_decile",
        "new_jobs_count",
        "business_started",
        "deaths_count",
    ],
    "intervention": ["household_id", "source", "sector_code", "strategy", "amount_rp"],
    "moa_target_household": ["moa_id", "household_id"],
    "monitoring_round": ["round_id", "poverty_line_rp_per_capita_day"],
    "budget_allocation": ["kabupaten_code", "year", "realised_rp"],
}
NEEDS = {  # query -> tables its peer reads
    "overview_households": ("household", "household_observation", "intervention", "monitoring_round"),
    "extreme_poor_by_child_region": ("household", "household_observation", "monitoring_round"),
    "location_indicators": ("household", "intervention"),
    "household_transitions_by_desa": (
        "household",
        "household_observation",
        "moa_target_household",
        "monitoring_round",
    ),
    "did_by_kecamatan": ("household", "household_observation", "moa_target_household", "monitoring_round"),
    "kpi_by_moa": ("household", "household_observation", "moa_target_household", "monitoring_round"),
    "intervention_coverage": ("household", "intervention"),
    "left_behind_households": ("household", "intervention"),
    "budget_cost_basis": (
        "household",
        "household_observation",
        "intervention",
        "monitoring_round",
        "budget_allocation",
    ),
    "scorecard_kabupaten": ("household", "household_observation", "intervention", "monitoring_round"),
}


def export_parquet(con, folder: Path) -> None:
    """Write every table a peer reads to folder/<table>.parquet (once; the relational API, no SQL text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in COLUMNS:
        target = folder / f"{table}.parquet"
        if not target.exists():
            con.table(table).write_parquet(str(target))


def load(folder: Path, queries: list[str], region: str = "") -> dict[str, pd.DataFrame]:
    """Read the columns the peers of these queries need into DataFrames. For a region, pd.read_parquet's row filters
    skip row groups of other regions (households by desa code; observations, interventions and targets by the
    household id, which starts with the desa digits): generous to pandas, and it keeps 20 million households in memory
    bounds. The whole country reads whole tables."""
    tables = sorted({t for q in queries for t in NEEDS[q]})
    prefix = "P3KE" + region.replace(".", "")
    by_table = {
        "household": [("desa_code", ">=", f"{region}."), ("desa_code", "<", f"{region}/")],
        "household_observation": [("household_id", ">=", prefix), ("household_id", "<", f"{prefix}~")],
        "intervention": [("household_id", ">=", prefix), ("household_id", "<", f"{prefix}~")],
        "moa_target_household": [("household_id", ">=", prefix), ("household_id", "<", f"{prefix}~")],
    }
    return {
        t: pd.read_parquet(
            folder / f"{t}.parquet", columns=COLUMNS[t], filters=by_table.get(t) if region else None
        )
        for t in tables
    }


def load_region(name: str, region: str) -> str:
    """Return the region whose rows a peer reads: the budget basis of a kecamatan covers its whole kabupaten."""
    return region[:5] if name == "budget_cost_basis" else region


def _member(ids: pd.Series, pool: pd.Series) -> pd.Series:
    """Return ids.isin(pool) by a hash merge: pandas' isin on Arrow strings converts values one by one in Python,
    which would make the peer look slower than a careful analyst's pandas."""
    hits = pd.DataFrame({"k": pool.dropna().unique(), "hit": True})
    found = ids.to_frame("k").merge(hits, on="k", how="left")["hit"].fillna(False).to_numpy(dtype=bool)
    return pd.Series(found, index=ids.index)


def _scoped(h: pd.DataFrame, region: str) -> pd.DataFrame:
    return h if region == "" else h[(h["desa_code"] + ".").str.startswith(region + ".")]


def _poor(f: dict[str, pd.DataFrame], obs: pd.DataFrame) -> pd.Series:
    line = obs["round_id"].map(f["monitoring_round"].set_index("round_id")["poverty_line_rp_per_capita_day"])
    return obs["expenditure_rp_per_capita_day"] < line


def _two_rounds(f, h: pd.DataFrame, round_id: int, baseline_round_id: int) -> pd.DataFrame:
    obs = f["household_observation"]
    both = h.merge(obs[obs["round_id"] == baseline_round_id], on="household_id", suffixes=("", "_b")).merge(
        obs[obs["round_id"] == round_id], on="household_id", suffixes=("_b", "_r")
    )
    line = f["monitoring_round"].set_index("round_id")["poverty_line_rp_per_capita_day"]
    both["was_poor"] = both["expenditure_rp_per_capita_day_b"] < line[baseline_round_id]
    both["is_poor"] = both["expenditure_rp_per_capita_day_r"] < line[round_id]
    return both


def overview_households(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    register = h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid")
    verified = h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED)
    reached = verified & _member(h["household_id"], f["intervention"]["household_id"])
    obs = f["household_observation"].merge(h[["household_id"]], on="household_id")
    poor = _poor(f, obs)
    return pd.DataFrame(
        {
            "extreme_poor_households_count": [int(register.sum())],
            "extreme_poor_people_count": [int(h.loc[register, "members_count"].sum())],
            "verified_targets_count": [int(verified.sum())],
            "verified_targets_reached_count": [int(reached.sum())],
            "observed_extreme_poor_count": [int((poor & (obs["round_id"] == round_id)).sum())],
        }
    )


def extreme_poor_by_child_region(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    child = {2: "kabupaten_code", 5: "kecamatan_code"}.get(len(region), "desa_code")
    register = h[h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid")].groupby(child).size()
    obs = f["household_observation"]
    obs = obs[obs["round_id"] == round_id].merge(h[["household_id", child]], on="household_id")
    observed = obs[_poor(f, obs)].groupby(child).size()
    return pd.DataFrame({"extreme_poor_households_count": register, "observed_extreme_poor_count": observed})


def location_indicators(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    i = f["intervention"].dropna(subset=["household_id"])
    collab = i.loc[i["source"].isin(["kolaborasi", "csr"]), "household_id"]
    verified = h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED)
    frame = pd.DataFrame(
        {
            "desa_code": h["desa_code"],
            "extreme_poor_households_count": h["is_extreme_poor"]
            & (h["verification_status"] != "tidak_valid"),
            "verified_targets_count": verified,
            "verified_targets_reached_count": verified & _member(h["household_id"], i["household_id"]),
            "collaboration_count": verified & _member(h["household_id"], collab),
        }
    )
    return frame.groupby("desa_code").sum()


def household_transitions_by_desa(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)[["household_id", "desa_code"]]
    h = h.assign(is_target=_member(h["household_id"], f["moa_target_household"]["household_id"]))
    both = _two_rounds(f, h, round_id, baseline_round_id)
    keys = ["desa_code", "is_target", "was_poor", "is_poor", "welfare_decile_b", "welfare_decile_r"]
    return both.groupby(keys).size().rename("households_count").reset_index()


def did_by_kecamatan(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)[["household_id", "kecamatan_code", "welfare_decile"]]
    h = h.assign(is_target=_member(h["household_id"], f["moa_target_household"]["household_id"]))
    h = h[h["is_target"] | (h["welfare_decile"] <= 2)]
    both = _two_rounds(
        f, h.rename(columns={"welfare_decile": "register_decile"}), round_id, baseline_round_id
    )
    return both.groupby(["kecamatan_code", "is_target"]).agg(
        households_count=("household_id", "size"),
        baseline_extreme_poor_count=("was_poor", "sum"),
        extreme_poor_count=("is_poor", "sum"),
    )


def kpi_by_moa(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)[["household_id", "mothers_children_count"]]
    t = f["moa_target_household"].merge(h, on="household_id")
    obs = f["household_observation"]
    obs = obs[obs["round_id"].isin([round_id, baseline_round_id])]
    m = t.merge(obs, on="household_id")
    m["poor"] = _poor(f, m)
    return m.groupby(["moa_id", "round_id"]).agg(
        households_count=("household_id", "size"),
        poor_share=("poor", "mean"),
        jobs=("new_jobs_count", "sum"),
        business=("business_started", "sum"),
        deaths=("deaths_count", "sum"),
    )


def intervention_coverage(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    targets = h.loc[(h["welfare_decile"] == 1) & h["verification_status"].isin(VERIFIED), ["household_id"]]
    given = f["intervention"].merge(targets, on="household_id")
    given["sector_code"] = given["sector_code"].fillna("lintas_sektor")
    parts = [
        given.groupby(dim).agg(
            households_reached_count=("household_id", "nunique"), amount_rp=("amount_rp", "sum")
        )
        for dim in ("source", "sector_code", "strategy")
    ]
    return pd.concat(parts)


def left_behind_households(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    targets = h[(h["welfare_decile"] == 1) & h["verification_status"].isin(VERIFIED)]
    return targets[~_member(targets["household_id"], f["intervention"]["household_id"])][
        ["household_id", "desa_code"]
    ]


def budget_cost_basis(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    kab = region[:5]
    h = f["household"]
    h = h if kab == "" else h[(h["kabupaten_code"] + ".").str.startswith(kab + ".")]
    verified = h[(h["welfare_decile"] == 1) & h["verification_status"].isin(VERIFIED)]
    reached = _member(verified["household_id"], f["intervention"]["household_id"]).sum()
    both = _two_rounds(f, h[["household_id"]], round_id, baseline_round_id)
    left = (both["was_poor"] & ~both["is_poor"]).sum()
    b = f["budget_allocation"]
    spent = b.loc[
        (b["kabupaten_code"] + ".").str.startswith(kab + ".") if kab else slice(None), "realised_rp"
    ].sum()
    return pd.DataFrame(
        {"realised_rp": [spent], "reached_households_count": [reached], "left_extreme_poverty_count": [left]}
    )


def scorecard_kabupaten(f, region, round_id, baseline_round_id) -> pd.DataFrame:
    h = _scoped(f["household"], region)
    h = h.assign(
        register=h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid"),
        verified=h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED),
    )
    h["reached"] = h["verified"] & _member(h["household_id"], f["intervention"]["household_id"])
    h["register_people"] = h["members_count"].where(h["register"], 0)
    out = h.groupby("kabupaten_code")[["register", "register_people", "verified", "reached"]].sum()
    both = _two_rounds(f, h[["household_id", "kabupaten_code"]], round_id, baseline_round_id)
    both["left"] = both["was_poor"] & ~both["is_poor"]
    out = out.join(both.groupby("kabupaten_code")[["was_poor", "is_poor", "left"]].sum())
    return out.rename(columns={"register": "extreme_poor_households_count"})


PEERS: dict[str, Callable[..., pd.DataFrame]] = {name: globals()[name] for name in NEEDS}
# a column each peer shares with the app's answer: its total must match (the peer answers the same question)
CHECK = {
    "overview_households": "extreme_poor_households_count",
    "extreme_poor_by_child_region": "extreme_poor_households_count",
    "location_indicators": "extreme_poor_households_count",
    "household_transitions_by_desa": "households_count",
    "did_by_kecamatan": "households_count",
    "intervention_coverage": "households_reached_count",
    "budget_cost_basis": "left_extreme_poverty_count",
    "scorecard_kabupaten": "extreme_poor_households_count",
}


def agrees(name: str, peer: pd.DataFrame, app: pd.DataFrame) -> bool | None:
    """Return whether the peer's total of the shared column equals the app's (None when there is no check)."""
    column = CHECK.get(name)
    if column is None or column not in app.columns:
        return None
    return int(pd.to_numeric(peer[column]).sum()) == int(pd.to_numeric(app[column], errors="coerce").sum())
