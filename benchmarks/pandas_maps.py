"""The pandas peer's map answers (location_indicators, location_indicators_by_area): the register figures of each
desa of a region from the whole household and intervention tables, with its places and sector figures, by the rules
of queries/macros.sql (benchmarks/pandas_rules.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_rules import COLLABORATION, Frames, in_region, moa_as_of, reached, register, scope, verified


def _top(frame: pd.DataFrame, score: str, label: str) -> pd.Series:
    best = frame.sort_values([score, label], ascending=[False, True]).drop_duplicates("desa_code")
    return best.set_index("desa_code")[label]


def desa_figures(f: Frames, region: str, as_of) -> pd.DataFrame:
    """Each desa of a region with location_indicators' household and place figures (before the coverage rule)."""
    r = f["region"]
    desa = r[(r["level"] == "desa") & in_region(r["region_code"], region)].rename(
        columns={"region_code": "desa_code"}
    )
    h = scope(f["household"], region)
    ver = h[verified(h)]
    per = pd.DataFrame(
        {
            "extreme_poor_households_count": h[register(h)].groupby("desa_code", observed=True).size(),
            "verified_targets_count": ver.groupby("desa_code", observed=True).size(),
            "verified_targets_reached_count": ver[reached(f, ver, as_of)]
            .groupby("desa_code", observed=True)
            .size(),
            "collaboration": ver[reached(f, ver, as_of, source=COLLABORATION)]
            .groupby("desa_code", observed=True)
            .size(),
        }
    )
    per.index = per.index.astype(str)
    desa = desa.join(per, on="desa_code")
    dem = f["demography"]
    dem = dem[dem["year"] == dem["year"].max()].set_index("desa_code")["households_count"]
    health = f["health_condition"]
    health = health[health["year"] == health["year"].max()].set_index("desa_code")
    food, energy, umkm = f["potential_food"], f["potential_energy"], f["umkm_product"]
    desa["all_households_count"] = desa["desa_code"].map(dem)
    desa["food_potential_score"] = desa["desa_code"].map(food.groupby("desa_code")["potential_score"].max())
    desa["top_commodity"] = desa["desa_code"].map(_top(food, "potential_score", "commodity"))
    e = energy.groupby("desa_code")
    desa["households_without_electricity_count"] = desa["desa_code"].map(
        e["households_without_electricity_count"].max()
    )
    desa["energy_ease_score"] = desa["desa_code"].map(e["ease_score"].max())
    desa["top_energy_source"] = desa["desa_code"].map(_top(energy, "ease_score", "energy_source"))
    desa["health_need_score"] = desa["desa_code"].map(health["need_score"])
    desa["stunting_rate_pct"] = desa["desa_code"].map(health["stunting_rate_pct"])
    u = umkm.groupby("desa_code")
    desa["umkm_marketing_score"] = desa["desa_code"].map(u["marketing_potential_score"].max())
    desa["top_product"] = desa["desa_code"].map(_top(umkm, "marketing_potential_score", "product"))
    desa["umkm_producers_extreme_poor_count"] = desa["desa_code"].map(u["producers_extreme_poor_count"].sum())
    m = moa_as_of(f, as_of)
    t = f["moa_target_desa"]
    desa["is_active_moa_target"] = desa["desa_code"].isin(
        t.loc[t["moa_id"].isin(m.loc[m["is_active"], "moa_id"]), "desa_code"]
    )
    return desa


def location_indicators(f: Frames, region, as_of, **_) -> pd.DataFrame:
    d = desa_figures(f, region, as_of)
    names = f["region"].set_index("region_code")["name"]
    counts = ["all_households_count", "extreme_poor_households_count", "verified_targets_count"]
    counts += [
        "verified_targets_reached_count",
        "households_without_electricity_count",
        "umkm_producers_extreme_poor_count",
    ]
    d[counts] = d[counts].fillna(0)
    ver = d["verified_targets_count"].replace(0, np.nan)
    d["kecamatan_name"] = d["kecamatan_code"].map(names)
    d["geometry_geojson"] = d["geometry_simplified_geojson"]
    d["extreme_poor_share_pct"] = (
        100.0 * d["extreme_poor_households_count"] / d["all_households_count"].replace(0, np.nan)
    )
    d["verified_targets_reached_pct"] = 100.0 * d["verified_targets_reached_count"] / ver
    d["coverage_pct"] = np.where(
        d["is_active_moa_target"], 100.0, (100.0 * d["collaboration"].fillna(0) / ver).fillna(0)
    )
    dist = f["desa_distance"].set_index("desa_code")
    for column in ("port_km", "market_km", "city_km", "puskesmas_km"):
        d[column] = d["desa_code"].map(dist[column])
    return d.sort_values("desa_code")


def location_indicators_by_area(f: Frames, region, as_of, area_level, **_) -> pd.DataFrame:
    d = desa_figures(f, region, as_of)
    d["area_code"] = d["kabupaten_code" if area_level == "kabupaten" else "kecamatan_code"]
    sums = ["all_households_count", "extreme_poor_households_count", "verified_targets_count"]
    sums += ["verified_targets_reached_count", "households_without_electricity_count"]
    sums += ["umkm_producers_extreme_poor_count"]
    d[sums] = d[sums].fillna(0)
    covered = np.where(d["is_active_moa_target"], d["verified_targets_count"], d["collaboration"].fillna(0))
    d["covered"] = covered
    means = ["food_potential_score", "energy_ease_score", "health_need_score", "stunting_rate_pct"]
    means += ["umkm_marketing_score"]
    g = d.groupby("area_code")
    out = g[[*sums, "covered"]].sum().join(g[means].mean())
    out["desa_count"] = g.size()
    out["active_moa_desa_count"] = g["is_active_moa_target"].sum()
    r = f["region"].set_index("region_code")
    area = r.loc[out.index]
    out["area_level"] = area["level"]
    out["name"] = area["name"]
    out["parent_name"] = area["parent_code"].map(r["name"])
    out["centroid_lon"], out["centroid_lat"] = area["centroid_lon"], area["centroid_lat"]
    out["geometry_geojson"] = area["geometry_simplified_geojson"]
    ver = out["verified_targets_count"].replace(0, np.nan)
    out["extreme_poor_share_pct"] = (
        100.0 * out["extreme_poor_households_count"] / out["all_households_count"].replace(0, np.nan)
    )
    out["verified_targets_reached_pct"] = 100.0 * out["verified_targets_reached_count"] / ver
    out["coverage_pct"] = (100.0 * out["covered"] / ver).fillna(0)
    return out.rename_axis("area_code").reset_index().sort_values("area_code")
