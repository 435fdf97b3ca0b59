"""The pandas peer's answers for Perpindahan and Banding: the panel of the same valid households at two rounds, from
the whole household, observation, target and intervention tables (the app reads summary_desa_transition,
summary_desa_transition_sector and summary_desa_did), by the rules of queries/macros.sql (benchmarks/pandas_rules.py).
Each returns every column of its query's result; benchmarks/pandas_peer.agrees compares them with the app's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_rules import (
    Frames,
    counting,
    day,
    in_kabupaten_of,
    in_region,
    interventions_of,
    member,
    panel,
    round_as_of,
    scope,
    signed_targets,
    verified,
)

STATUS = ["is_target", "was_extreme_poor", "is_extreme_poor"]
DID_GROUPS = ["sasaran", "sebelum_baseline", "belum_dijangkau", "pembanding", "plasebo"]


def transition_panel(f: Frames, region, round_id, baseline_round_id, as_of) -> pd.DataFrame:
    """The region's valid households observed in both rounds (panel), is_target = targeted by an MoA signed by as_of."""
    h = scope(f["household"], region)[["household_id", "desa_code", "verification_status"]]
    both = panel(f, h, baseline_round_id, round_id)
    both["is_target"] = member(both["household_id"], signed_targets(f, as_of)["household_id"])
    return both


def household_transitions_by_decile(
    f: Frames, region, round_id, baseline_round_id, as_of, **_
) -> pd.DataFrame:
    both = transition_panel(f, region, round_id, baseline_round_id, as_of)
    keys = [*STATUS, "baseline_decile", "decile"]
    return both.groupby(keys).size().rename("households_count").reset_index()


def household_transitions_by_sector_rows(
    f: Frames, region, round_id, baseline_round_id, as_of, **_
) -> pd.DataFrame:
    both = transition_panel(f, region, round_id, baseline_round_id, as_of)
    i = f["intervention"]
    i = i[in_region(i["desa_code"], region).to_numpy() & i["household_id"].notna().to_numpy()]
    given = counting(f, i, round_as_of(f, round_id, as_of))
    sectors = pd.DataFrame(
        {
            "household_id": given["household_id"],
            "sector_code": given["sector_code"].astype(object).fillna("lintas_sektor"),
        }
    ).drop_duplicates()
    rows = both[["household_id", *STATUS]].merge(sectors, on="household_id", how="left")
    rows["sector_code"] = rows["sector_code"].fillna("tanpa_intervensi")
    return rows.groupby(["sector_code", *STATUS]).size().rename("households_count").reset_index()


def household_transitions_by_sector(f: Frames, region, round_id, as_of, **params) -> pd.DataFrame:
    """The rows' answer once the round's fieldwork ended by as_of; no rows before (the page then reads _rows)."""
    out = household_transitions_by_sector_rows(f, region=region, round_id=round_id, as_of=as_of, **params)
    ended = f["monitoring_round"].set_index("round_id").loc[round_id, "ended_on"]
    return out if pd.notna(ended) and day(ended) <= day(as_of) else out.iloc[:0]


def household_transitions_desa(
    f: Frames, region, round_id, baseline_round_id, as_of, targets_only, page_size, page_offset, **_
) -> pd.DataFrame:
    both = transition_panel(f, region, round_id, baseline_round_id, as_of)
    if targets_only:
        both = both[both["is_target"]]
    was, now = both["was_extreme_poor"], both["is_extreme_poor"]
    flags = pd.DataFrame(
        {
            "desa_code": both["desa_code"].cat.remove_unused_categories(),
            "keluar": was & ~now,
            "masuk": ~was & now,
            "tetap_miskin": was & now,
        }
    )
    g = flags.groupby("desa_code", observed=True)
    out = g[["keluar", "masuk", "tetap_miskin"]].sum().assign(households_count=g.size())
    out.index = out.index.astype(str)
    out = out.rename_axis("desa_code").reset_index()
    out["desa_name"] = out["desa_code"].map(f["region"].set_index("region_code")["name"])
    out = out[out["desa_name"].notna()]
    out["tetap_tidak_miskin"] = out["households_count"] - out["keluar"] - out["masuk"] - out["tetap_miskin"]
    out["desa_count"] = len(out)
    out["label"] = out["desa_name"] + " (" + out["desa_code"] + ")"
    out = out.sort_values(["keluar", "label", "desa_code"], ascending=[False, True, True])
    return out.iloc[page_offset : None if page_size is None else page_offset + page_size]


def did_panel(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    h = in_kabupaten_of(f["household"], region)
    columns = [
        "household_id",
        "desa_code",
        "kabupaten_code",
        "verification_status",
        "members_count",
        "head_sex",
    ]
    p = panel(f, h.loc[verified(h), columns], baseline_round_id, round_id)
    given = interventions_of(f, p)
    given = counting(f, given[given["moa_id"].notna().to_numpy()], as_of)
    first = given.groupby("household_id")["given_on"].min().rename("first_reached_on")
    p = p.merge(first, left_on="household_id", right_index=True, how="left")
    signed = member(p["household_id"], signed_targets(f, as_of)["household_id"]).to_numpy()
    any_target = member(p["household_id"], f["moa_target_household"]["household_id"]).to_numpy()
    reached, baseline, observed = p["first_reached_on"], p["baseline_observed_on"], p["observed_on"]
    never = reached.isna().to_numpy()
    conditions = [
        signed & ((reached > baseline) & (reached <= observed)).to_numpy(),
        signed & (reached <= baseline).to_numpy(),
        signed,
        ~any_target & never,
        any_target & never,
    ]
    p["group_code"] = np.select(conditions, DID_GROUPS, default="")
    p = p[p["group_code"] != ""]
    city = p["desa_code"].astype(str).map(f["desa_distance"].set_index("desa_code")["city_km"])
    p["remoteness_class"] = np.select([city < 15, city < 25], ["<15", "15-25"], "25+")
    members = p["members_count"]
    p["size_class"] = np.select([members <= 3, members <= 5], ["1-3", "4-5"], "6+")
    p["is_in_region"] = in_region(p["desa_code"], region)
    keys = [
        "desa_code",
        "kabupaten_code",
        "is_in_region",
        "group_code",
        "was_extreme_poor",
        "baseline_decile",
    ]
    keys += ["remoteness_class", "size_class", "head_sex"]
    g = p.groupby(keys, observed=True, dropna=False)
    out = pd.DataFrame({"households_count": g.size(), "extreme_poor_count": g["is_extreme_poor"].sum()})
    return out.reset_index()
