"""The pandas peer's answers for Koordinasi: each sector's need per desa and who is at work there, from the whole
household and intervention tables (the app reads summary_desa_household and the 29 M-row intervention table through
macro actors_at_work), by the rules of queries/macros.sql (benchmarks/pandas_rules.py). Each returns every column of
its query's result; benchmarks/pandas_peer.agrees compares them with the app's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas_rules import (
    COLLABORATION,
    Frames,
    counting,
    day,
    in_kabupaten_of,
    in_region,
    member,
    moa_as_of,
    register,
)

AT_WORK = ["desa_code", "sector_code", "partner_id"]


def actors_at_work(f: Frames, region: str, as_of) -> pd.DataFrame:
    """actors_at_work(as_of) in the desa of a region: parties to an MoA active on the date targeting the desa in the
    sector, agency programs there in the two calendar years before, partners' CSR or collaboration interventions
    there in the two years before (each desa, sector and partner once)."""
    d = day(as_of)
    m = moa_as_of(f, as_of)
    td = f["moa_target_desa"]
    td = td[in_region(td["desa_code"], region).to_numpy()]
    moas = m.loc[m["is_active"], ["moa_id"]].merge(td, on="moa_id")
    moas = moas.merge(f["moa_sector"], on="moa_id").merge(f["moa_party"], on="moa_id")
    ph = f["agency_program_history"]
    ph = ph[in_region(ph["desa_code"], region).to_numpy() & ph["year"].between(d.year - 2, d.year).to_numpy()]
    i = f["intervention"]
    i = i[
        in_region(i["desa_code"], region).to_numpy()
        & i["source"].isin(COLLABORATION).to_numpy()
        & i["partner_id"].notna().to_numpy()
        & i["sector_code"].notna().to_numpy()
        & (i["given_on"] >= d - pd.DateOffset(years=2)).to_numpy()
    ]
    parts = [frame[AT_WORK].astype(str) for frame in (moas, ph, counting(f, i, as_of))]
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def sector_need_by_desa(f: Frames, region, as_of, gaps_only, **_) -> pd.DataFrame:
    r = f["region"]
    desa = r.loc[r["level"] == "desa", ["region_code", "name", "kecamatan_code", "kabupaten_code"]]
    desa = in_kabupaten_of(desa, region)  # region_overlaps(kabupaten_code, region)
    desa = desa.rename(columns={"region_code": "desa_code", "name": "desa_name"})
    h = in_kabupaten_of(f["household"], region)
    # the sector tables of those desa first, then grouped (the whole country's would be grouped for nothing)
    energy, umkm, health = (
        frame[member(frame["desa_code"], desa["desa_code"]).to_numpy()]
        for frame in (f["potential_energy"], f["umkm_product"], f["health_condition"])
    )
    health = health[health["year"] == f["health_condition"]["year"].max()]
    pangan = h[register(h)].groupby("desa_code", observed=True).size()
    needs = {
        "pangan": pangan.set_axis(pangan.index.astype(str)),
        "energi": energy.groupby("desa_code")["households_without_electricity_count"].max(),
        "kesehatan": health.groupby("desa_code")["need_score"].max(),
        "umkm": umkm.groupby("desa_code")["producers_extreme_poor_count"].sum(),
    }
    parts = []
    for sector, values in needs.items():
        need = desa["desa_code"].map(values).fillna(0).astype(float)
        parts.append(desa.assign(sector_code=sector, need_value=need.to_numpy()))
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(
        ["kabupaten_code", "sector_code", "need_value", "desa_code"], ascending=[True, True, False, True]
    )
    g = out.groupby(["kabupaten_code", "sector_code"])
    out["need_rank"] = g.cumcount() + 1
    out["kabupaten_desa_count"] = g["desa_code"].transform("size")
    out = out[in_region(out["desa_code"], region).to_numpy()]
    actors = actors_at_work(f, region, as_of).groupby(["desa_code", "sector_code"])["partner_id"].nunique()
    out = out.join(actors.rename("actors_count"), on=["desa_code", "sector_code"])
    out["actors_count"] = out["actors_count"].fillna(0).astype("int64")
    top = out["need_rank"] <= np.ceil(out["kabupaten_desa_count"] / 3.0)
    out["is_high_need"] = top & (out["need_value"] > 0)
    out["kecamatan_name"] = out["kecamatan_code"].map(r.set_index("region_code")["name"])
    if gaps_only:
        out = out[out["is_high_need"] & (out["actors_count"] == 0)]
    return out.sort_values(["sector_code", "need_rank", "desa_code"])


def actors_by_area_sector(f: Frames, region, as_of, **_) -> pd.DataFrame:
    r = f["region"].set_index("region_code")
    w = actors_at_work(f, region, as_of)
    w = w[member(w["desa_code"], f["region"]["region_code"]).to_numpy()]
    if len(region) >= 8:
        w["area_code"] = w["desa_code"]
    else:
        w["area_code"] = w["desa_code"].map(r["kabupaten_code" if len(region) <= 2 else "kecamatan_code"])
    w = w.merge(f["partner"], on="partner_id")
    g = w.groupby(["area_code", "sector_code"])
    out = pd.DataFrame(
        {
            "actors_count": g["partner_id"].nunique(),
            "actor_names": g["name"].agg(lambda names: "; ".join(sorted(set(names)))),
        }
    ).reset_index()
    out["area_name"] = out["area_code"].map(r["name"])
    return out.sort_values(["area_code", "sector_code"])
