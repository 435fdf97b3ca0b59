"""The pandas peer's answers for Intervensi, Anggaran and the Briefing's map: who was reached, who was left behind and
what a household reached cost, from the whole household, observation, target and intervention tables (the app reads
the summary tables of queries/summary/), by the rules of queries/macros.sql (benchmarks/pandas_rules.py). Each returns
every column of its query's result; benchmarks/pandas_peer.agrees compares them with the app's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_rules import (
    Frames,
    counting,
    in_kabupaten_of,
    in_region,
    interventions_of,
    member,
    moa_as_of,
    overlaps,
    panel,
    reached,
    register,
    round_as_of,
    round_observation,
    scope,
    valid,
    verified,
)


def _names(f: Frames) -> pd.Series:
    return f["region"].set_index("region_code")["name"]


def intervention_overlap(f: Frames, region, round_id, as_of, **_) -> pd.DataFrame:
    h = scope(f["household"], region)
    targets = h.loc[verified(h), ["household_id"]]
    given = counting(f, interventions_of(f, targets), round_as_of(f, round_id, as_of))
    g = given.groupby("household_id")["source"]
    per = pd.DataFrame({"sources_count": g.nunique(), "interventions_count": g.size()})
    per = targets.merge(per, left_on="household_id", right_index=True, how="left").fillna(
        {"sources_count": 0, "interventions_count": 0}
    )
    g = per.groupby("sources_count")
    out = pd.DataFrame({"households_count": g.size(), "interventions_count": g["interventions_count"].sum()})
    return out.reset_index()


def left_behind_by_desa(f: Frames, region, round_id, as_of, **_) -> pd.DataFrame:
    h = scope(f["household"], region)
    targets = h[verified(h)]
    left = targets[~reached(f, targets, round_as_of(f, round_id, as_of)).to_numpy()]
    g = left.groupby("desa_code", observed=True)
    out = pd.DataFrame({"households_count": g.size(), "members_count": g["members_count"].sum()})
    out.index = out.index.astype(str)
    r = f["region"].set_index("region_code")
    out = out.join(r[["name", "kecamatan_code"]], how="inner").rename(columns={"name": "desa_name"})
    out["kecamatan_name"] = out["kecamatan_code"].map(r["name"])
    out = out.rename_axis("desa_code").reset_index()
    return out.sort_values(["households_count", "desa_code"], ascending=[False, True])


def briefing_extreme_poor_by_desa(f: Frames, region, round_id, baseline_round_id, **_) -> pd.DataFrame:
    r = f["region"]
    desa = r.loc[
        (r["level"] == "desa") & in_region(r["region_code"], region),
        ["region_code", "name", "kecamatan_code", "geometry_simplified_geojson"],
    ].rename(columns={"region_code": "desa_code"})
    h = scope(f["household"], region)
    counts = {"extreme_poor_households_count": h[register(h)].groupby("desa_code", observed=True).size()}
    o = round_observation(f, [round_id, baseline_round_id], valid(h))[
        ["household_id", "round_id", "is_below_line"]
    ]
    o = o[o["is_below_line"]].merge(valid(h)[["household_id", "desa_code"]], on="household_id")
    for rid, name in (
        (round_id, "observed_extreme_poor_count"),
        (baseline_round_id, "baseline_extreme_poor_count"),
    ):
        counts[name] = o[o["round_id"] == rid].groupby("desa_code", observed=True).size()
    per = pd.DataFrame(counts)
    per.index = per.index.astype(str)
    out = desa.join(per, on="desa_code")
    out[list(counts)] = out[list(counts)].fillna(0)
    out["kecamatan_name"] = out["kecamatan_code"].map(_names(f))
    return out.sort_values("desa_code")


def cost_per_moa(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    m = moa_as_of(f, as_of)
    td = f["moa_target_desa"]
    mine = in_region(m["kabupaten_code"], region) | m["moa_id"].isin(
        td.loc[in_region(td["desa_code"], region), "moa_id"]
    )
    m = m[m["is_signed"] & mine]
    t = f["moa_target_household"]
    t = t[t["moa_id"].isin(m["moa_id"])].assign(moa_id=lambda x: x["moa_id"].astype(str))
    h = f["household"]
    h = h[member(h["household_id"], t["household_id"]).to_numpy()]
    given = counting(f, interventions_of(f, h), as_of)
    given = given.loc[given["moa_id"].notna(), ["moa_id", "household_id"]].astype({"moa_id": str})
    t["is_reached"] = (
        t.merge(given.drop_duplicates(), how="left", indicator=True)["_merge"].eq("both").to_numpy()
    )
    both = panel(f, h[["household_id", "verification_status"]], baseline_round_id, round_id)
    left = both.loc[both["was_extreme_poor"] & ~both["is_extreme_poor"], "household_id"]
    t["is_left"] = member(t["household_id"], left).to_numpy()
    g = t.groupby("moa_id")
    counts = pd.DataFrame(
        {
            "target_households_count": g.size(),
            "reached_households_count": g["is_reached"].sum(),
            "left_extreme_poverty_count": g["is_left"].sum(),
        }
    )
    money = f["contribution"].groupby("moa_id")[["pledged_value_rp", "realised_value_rp"]].sum()
    money.columns = ["pledged_rp", "realised_rp"]
    out = (
        m[["moa_id", "title", "kabupaten_code", "status"]].join(money, on="moa_id").join(counts, on="moa_id")
    )
    realised = out["realised_rp"]
    out[["pledged_rp", "realised_rp", *counts]] = out[["pledged_rp", "realised_rp", *counts]].fillna(0)
    out["per_reached_rp"] = realised / out["reached_households_count"].replace(0, np.nan)
    out["per_left_rp"] = realised / out["left_extreme_poverty_count"].replace(0, np.nan)
    return out.sort_values("moa_id")


def cost_per_program(f: Frames, region, round_id, as_of, **_) -> pd.DataFrame:
    on = round_as_of(f, round_id, as_of)
    b = f["budget_allocation"]
    b = b[overlaps(b["kabupaten_code"], region).to_numpy() & (b["year"] <= on.year).to_numpy()]
    keys = ["kabupaten_code", "program"]
    budget = b.groupby(keys)[["realised_rp"]].sum()
    budget["sector_code"] = b.dropna(subset=["sector_code"]).groupby(keys)["sector_code"].min()
    h = in_kabupaten_of(f["household"], region)[["household_id", "kabupaten_code"]]
    given = counting(f, interventions_of(f, h), on)[["household_id", "program"]].merge(h, on="household_id")
    by = [given["kabupaten_code"].astype(str), given["program"].astype(str)]
    households = given.groupby(by)["household_id"].nunique().rename("households_reached_count")
    out = budget.join(households, how="inner").reset_index()
    out["kabupaten_name"] = out["kabupaten_code"].map(_names(f))
    out = out[out["kabupaten_name"].notna()]
    out["per_household_rp"] = out["realised_rp"] / out["households_reached_count"]
    return out.sort_values(["kabupaten_code", "program"])
