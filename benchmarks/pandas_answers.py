"""The pandas peer's answers: each function answers the query file of the same name from the whole tables, with the
query's own parameters and the rules of queries/macros.sql (benchmarks/pandas_rules.py). Each returns every column of
the query's result; benchmarks/pandas_peer.agrees compares them with the app's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_rules import (
    Frames,
    counting,
    day,
    full_years,
    in_kabupaten_of,
    in_region,
    interventions_of,
    kpi_amounts,
    member,
    moa_as_of,
    overlaps,
    panel,
    reached,
    register,
    round_as_of,
    round_observation,
    scope,
    signed_targets,
    valid,
    verified,
)

CHILD = {2: "kabupaten_code", 5: "kecamatan_code"}


def _observed(f: Frames, h: pd.DataFrame, round_id: int) -> pd.DataFrame:
    o = round_observation(f, [round_id], valid(h))[["household_id", "is_below_line"]]
    return valid(h).merge(o, on="household_id")


def overview_households(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    h = scope(f["household"], region)
    reg, ver = register(h), verified(h)
    d = f["demography"]
    d = d[
        (d["year"] == d.loc[d["year"] <= day(as_of).year, "year"].max()) & in_region(d["desa_code"], region)
    ]
    now, base = _observed(f, h, round_id), _observed(f, h, baseline_round_id)
    row = {
        "extreme_poor_households_count": reg.sum(),
        "extreme_poor_people_count": h.loc[reg, "members_count"].sum(),
        "verified_targets_count": ver.sum(),
        "verified_targets_reached_count": reached(f, h[ver], round_as_of(f, round_id, as_of)).sum(),
        "register_households_count": len(h),
        "all_households_count": d["households_count"].sum(),
        "observed_extreme_poor_count": now["is_below_line"].sum(),
        "baseline_extreme_poor_count": base["is_below_line"].sum(),
        "observed_households_count": len(now),
    }
    return pd.DataFrame([row])


def extreme_poor_by_child_region(f: Frames, region, round_id, **_) -> pd.DataFrame:
    h = scope(f["household"], region)
    child = CHILD.get(len(region), "desa_code")
    now = _observed(f, h, round_id)
    counts = pd.DataFrame(
        {
            "extreme_poor_households_count": h[register(h)].groupby(child, observed=True).size(),
            "verified_targets_count": h[verified(h)].groupby(child, observed=True).size(),
            "observed_extreme_poor_count": now[now["is_below_line"]].groupby(child, observed=True).size(),
        }
    )
    r = f["region"]
    out = r.loc[r["parent_code"] == region, ["region_code", "name", "level"]]
    out = out.join(counts.fillna(0).astype("int64"), on="region_code").fillna(0)
    return out.sort_values(["extreme_poor_households_count", "region_code"], ascending=[False, True])


def household_transitions_by_desa(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    h = scope(f["household"], region)[["household_id", "desa_code", "kecamatan_code", "verification_status"]]
    both = panel(f, h, baseline_round_id, round_id)
    both["is_target"] = member(both["household_id"], signed_targets(f, as_of)["household_id"])
    keys = [
        "desa_code",
        "kecamatan_code",
        "is_target",
        "was_extreme_poor",
        "is_extreme_poor",
        "baseline_decile",
        "decile",
    ]
    out = both.groupby(keys, observed=True).size().rename("households_count").reset_index()
    out["desa_name"] = out["desa_code"].astype(str).map(f["region"].set_index("region_code")["name"])
    return out


def kpi_by_moa(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    m = moa_as_of(f, as_of)
    td = f["moa_target_desa"]
    mine = in_region(m["kabupaten_code"], region) | m["moa_id"].isin(
        td.loc[in_region(td["desa_code"], region), "moa_id"]
    )
    m = m[m["is_signed"] & mine]
    t = f["moa_target_household"]
    t = t[t["moa_id"].isin(m["moa_id"])]
    h = f["household"]
    t = t.merge(h[member(h["household_id"], t["household_id"])], on="household_id")
    inside = scope(t, region)
    counts = pd.DataFrame(
        {
            "target_households_count": inside.groupby("moa_id", observed=True).size(),
            "moa_target_households_count": t.groupby("moa_id", observed=True).size(),
        }
    )
    o = round_observation(f, [round_id, baseline_round_id], inside).merge(
        inside[["moa_id", "household_id", "mothers_children_count"]], on="household_id"
    )
    k = kpi_amounts(o, o["mothers_children_count"], f["kpi_definition"])
    g = k.groupby(["moa_id", "round_id", "kpi_code"], observed=True)
    measured = pd.DataFrame(
        {"households_count": g.size(), "amount": g["amount"].sum(min_count=1)}
    ).reset_index()
    share = measured["kpi_code"] == "penurunan_miskin_ekstrem"
    measured["value"] = np.where(
        share, 100.0 * measured["amount"] / measured["households_count"], measured["amount"]
    )
    d = f["kpi_definition"].rename(columns={"name_id": "kpi_name_id", "name_en": "kpi_name_en"})
    out = f["kpi_target"].rename(columns={"baseline_value": "mou_baseline_value"})
    moa = m[["moa_id", "title", "kabupaten_code", "status", "started_on", "ended_on"]]
    moa = moa.rename(
        columns={
            "title": "moa_title",
            "status": "moa_status",
            "started_on": "moa_started_on",
            "ended_on": "moa_ended_on",
        }
    )
    out = out.merge(moa, on="moa_id").merge(d, on="kpi_code")
    for rid, prefix in ((baseline_round_id, "baseline_"), (round_id, "")):
        part = measured.loc[measured["round_id"] == rid, ["moa_id", "kpi_code", "value", "households_count"]]
        part = part.rename(
            columns={"value": f"{prefix}value", "households_count": f"{prefix}households_count"}
        )
        out = out.merge(part, on=["moa_id", "kpi_code"], how="left")
    out = out.join(counts, on="moa_id")
    count_columns = [
        "baseline_households_count",
        "households_count",
        "target_households_count",
        "moa_target_households_count",
    ]
    out[count_columns] = out[count_columns].fillna(0)
    out["round_ended_on"] = round_as_of(f, round_id, as_of)
    return out.sort_values(["moa_id", "kpi_code"])


def intervention_coverage(f: Frames, region, round_id, as_of, **_) -> pd.DataFrame:
    h = scope(f["household"], region)
    targets = h.loc[verified(h), ["household_id"]]
    given = counting(f, interventions_of(f, targets), round_as_of(f, round_id, as_of))
    given = given.assign(sector_code=given["sector_code"].astype(object).fillna("lintas_sektor"))
    parts = []
    for dim in ("source", "sector_code", "strategy"):
        g = given.groupby(given[dim].astype(str))
        part = pd.DataFrame(
            {"households_reached_count": g["household_id"].nunique(), "amount_rp": g["amount_rp"].sum()}
        )
        parts.append(
            part.rename_axis("dimension_value").reset_index().assign(dimension=dim.replace("_code", ""))
        )
    out = pd.concat(parts, ignore_index=True).assign(target_households_count=len(targets))
    return out.sort_values(
        ["dimension", "households_reached_count", "dimension_value"], ascending=[True, False, True]
    )


def left_behind_households(
    f: Frames, region, round_id, as_of, show_names, page_size, page_offset, **_
) -> pd.DataFrame:
    h = scope(f["household"], region)
    targets = h[verified(h)]
    on = round_as_of(f, round_id, as_of)
    out = targets[~reached(f, targets, on)].sort_values(["desa_code", "household_id"])
    out = out.iloc[page_offset : None if page_size is None else page_offset + page_size].copy()
    names = f["region"].set_index("region_code")["name"]
    out["desa_name"] = out["desa_code"].astype(str).map(names)
    out["kecamatan_name"] = out["kecamatan_code"].astype(str).map(names)
    out["head_age_years"] = full_years(out["head_birth_on"], on)
    for column in ("head_name", "head_nik"):
        out[column] = out[column] if show_names and column in out else None
    return out


def budget_cost_basis(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    on = round_as_of(f, round_id, as_of)
    b = f["budget_allocation"]
    spent = b.loc[overlaps(b["kabupaten_code"], region) & (b["year"] <= on.year), "realised_rp"].sum()
    h = in_kabupaten_of(f["household"], region)
    targets = h[verified(h)]
    bansos = counting(f, interventions_of(f, targets, source=["bansos"]), on)
    both = panel(f, h[["household_id", "verification_status"]], baseline_round_id, round_id)
    row = {
        "up_to_year": on.year,
        "realised_rp": spent,
        "bansos_rp": bansos.loc[member(bansos["household_id"], targets["household_id"]), "amount_rp"].sum(),
        "reached_households_count": reached(f, targets, on).sum(),
        "reached_without_bansos_count": reached(
            f, targets, on, source=["csr", "kolaborasi", "program_opd", "dana_desa"]
        ).sum(),
        "left_extreme_poverty_count": (both["was_extreme_poor"] & ~both["is_extreme_poor"]).sum(),
    }
    return pd.DataFrame([row])


def scorecard_kabupaten(f: Frames, region, round_id, baseline_round_id, as_of, **_) -> pd.DataFrame:
    r = f["region"]
    k = r[(r["level"] == "kabupaten") & overlaps(r["region_code"], region)]
    k = k[["region_code", "name", "region_type", "parent_code"]].rename(
        columns={"region_code": "kabupaten_code", "parent_code": "province_code"}
    )
    k["province_name"] = k["province_code"].map(r.set_index("region_code")["name"])
    h = scope(f["household"], region[:5])
    reg, ver = h[register(h)], h[verified(h)]
    on = round_as_of(f, round_id, as_of)
    by = "kabupaten_code"
    parts = {
        "extreme_poor_households_count": reg.groupby(by, observed=True).size(),
        "extreme_poor_people_count": reg.groupby(by, observed=True)["members_count"].sum(),
        "verified_targets_count": ver.groupby(by, observed=True).size(),
        "verified_targets_reached_count": ver[reached(f, ver, on)].groupby(by, observed=True).size(),
    }
    for rid, name in (
        (round_id, "observed_extreme_poor_count"),
        (baseline_round_id, "baseline_extreme_poor_count"),
    ):
        seen = _observed(f, h, rid)
        parts[name] = seen[seen["is_below_line"]].groupby(by, observed=True).size()
    both = panel(f, h[["household_id", by, "verification_status"]], baseline_round_id, round_id)
    parts["left_extreme_poverty_count"] = (
        both[both["was_extreme_poor"] & ~both["is_extreme_poor"]].groupby(by, observed=True).size()
    )
    m = moa_as_of(f, as_of)
    td = f["moa_target_desa"].merge(
        r[["region_code", "kabupaten_code"]], left_on="desa_code", right_on="region_code"
    )
    mk = (
        pd.concat([m[["moa_id", "kabupaten_code"]], td[["moa_id", "kabupaten_code"]]])
        .drop_duplicates()
        .merge(m.drop(columns=by), on="moa_id")
    )
    for flag in ("signed", "active", "ending_soon", "ended_undecided"):
        parts[f"{flag}_moa_count"] = mk[mk[f"is_{flag}"]].groupby(by).size()
    b = f["budget_allocation"]
    b = b[overlaps(b["kabupaten_code"], region) & (b["year"] <= on.year)]
    parts["realised_rp"] = b.groupby(by, observed=True)["realised_rp"].sum()
    figures = pd.DataFrame({name: s.set_axis(s.index.astype(str)) for name, s in parts.items()})
    out = k.join(figures, on="kabupaten_code")
    out[list(parts)] = out[list(parts)].fillna(0)
    out["left_behind_count"] = out["verified_targets_count"] - out["verified_targets_reached_count"]
    return out.sort_values("kabupaten_code")
