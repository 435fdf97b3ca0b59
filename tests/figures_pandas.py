"""Every figure of Beranda, Monev KPI, Perpindahan, Perbandingan, Intervensi and Anggaran, recomputed in pandas from
the raw tables as docs/method.md defines it: an implementation independent of queries/macros.sql, for tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

SIGNED = {"aktif", "diperpanjang", "berakhir"}
VERIFIED = {"valid", "tambahan_musdes"}
SECTORS = ("pangan", "energi", "kesehatan", "umkm")
# The tables and columns the figures read ("*" = every column but names, NIK and geometries).
TABLES = {
    "household": "household_id, desa_code, kecamatan_code, kabupaten_code, members_count, mothers_children_count, "
    "head_sex, welfare_decile, is_extreme_poor, verification_status",
    "household_observation": "*",
    "monitoring_round": "*",
    "moa": "*",
    "moa_target_household": "*",
    "moa_target_desa": "*",
    "kpi_target": "*",
    "kpi_definition": "*",
    "intervention": "*",
    "budget_allocation": "*",
    "contribution": "*",
    "demography": "desa_code, year, households_count",
    "desa_distance": "desa_code, city_km",
    "region": "region_code, level, parent_code, kabupaten_code, kecamatan_code",
}


@dataclass
class Raw:
    t: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.t[name]


def load_raw(path: str) -> Raw:
    """Return the raw tables of a database file (dates as datetime64, missing ones NaT)."""
    con = duckdb.connect(path, read_only=True)
    frames = {}
    for name, columns in TABLES.items():
        frame = con.execute(f"select {columns} from {name}").df()  # a fixed list of tables and columns
        # object strings: isin and merges on Arrow-backed strings are far slower in pandas 3
        frames[name] = frame.astype(
            {c: object for c in frame.columns if pd.api.types.is_string_dtype(frame[c])}
        )
    con.close()
    return Raw(frames)


def in_region(codes: pd.Series, region: str) -> pd.Series:
    return (codes.astype(str) + ".").str.startswith(region + ".")


def round_date(raw: Raw, round_id: int, as_of: date) -> pd.Timestamp:
    ended = raw["monitoring_round"].set_index("round_id").loc[round_id, "ended_on"]
    return min(pd.Timestamp(ended), pd.Timestamp(as_of))


def moa_state(raw: Raw, as_of: date) -> pd.DataFrame:
    m, at = raw["moa"].copy(), pd.Timestamp(as_of)
    m["is_signed"] = m["status"].isin(SIGNED) & (m["signed_on"] <= at)
    m["is_active"] = m["is_signed"] & (m["started_on"] <= at) & (m["ended_on"] >= at)
    m["is_ending_soon"] = m["is_active"] & (m["ended_on"] <= at + timedelta(days=90))
    no_decision = m["renewal_decision"].isna() | ~(m["renewal_decided_on"] <= at)
    m["is_ended_undecided"] = m["is_signed"] & (m["ended_on"] < at) & no_decision
    return m


def moas_in_region(raw: Raw, region: str) -> set[str]:
    m, t = raw["moa"], raw["moa_target_desa"]
    return set(m.loc[in_region(m["kabupaten_code"], region), "moa_id"]) | set(
        t.loc[in_region(t["desa_code"], region), "moa_id"]
    )


def counted(raw: Raw, on: date) -> pd.DataFrame:
    """Interventions given by `on`, not under an MoA that was a draft (unsigned) then."""
    i, m, at = raw["intervention"], raw["moa"], pd.Timestamp(on)
    ok_moa = m.loc[(m["status"] != "draft") & (m["signed_on"] <= at), "moa_id"]
    return i[(i["given_on"] <= at) & (i["moa_id"].isna() | i["moa_id"].isin(ok_moa))]


def _memo(raw: Raw, key: tuple, make):
    memo = raw.t.setdefault("_memo", {})
    if key not in memo:
        memo[key] = make()
    return memo[key]


def households(raw: Raw, region: str) -> pd.DataFrame:
    return _memo(raw, ("households", region), lambda: _households(raw, region))


def _households(raw: Raw, region: str) -> pd.DataFrame:
    h = raw["household"]
    h = h[in_region(h["desa_code"], region)].copy()
    h["register"] = h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid")
    h["verified"] = h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED)
    h["valid"] = h["verification_status"] != "tidak_valid"
    return h


def observations(raw: Raw) -> pd.DataFrame:
    return _memo(raw, ("observations",), lambda: _observations(raw))


def _observations(raw: Raw) -> pd.DataFrame:
    o = raw["household_observation"].merge(
        raw["monitoring_round"][["round_id", "poverty_line_rp_per_capita_day"]], on="round_id"
    )
    o["poor"] = o["expenditure_rp_per_capita_day"] < o["poverty_line_rp_per_capita_day"]
    return o


def signed_targets(raw: Raw, as_of: date) -> pd.DataFrame:
    m = moa_state(raw, as_of)
    return raw["moa_target_household"][
        raw["moa_target_household"]["moa_id"].isin(m.loc[m["is_signed"], "moa_id"])
    ]


def panel(raw: Raw, region: str, baseline: int, round_id: int) -> pd.DataFrame:
    """Valid households of the region observed at both rounds: poor_b/_r, welfare_decile_b/_r, observed_on_b/_r."""
    return _memo(raw, ("panel", region, baseline, round_id), lambda: _panel(raw, region, baseline, round_id))


def _panel(raw: Raw, region: str, baseline: int, round_id: int) -> pd.DataFrame:
    h = households(raw, region)
    h = h[h["valid"]]
    o = observations(raw)
    cols = ["household_id", "poor", "welfare_decile", "observed_on"]
    b = o[o["round_id"] == baseline][cols].rename(columns={c: f"{c}_b" for c in cols[1:]})
    r = o[o["round_id"] == round_id][cols].rename(columns={c: f"{c}_r" for c in cols[1:]})
    return h.merge(b, on="household_id").merge(r, on="household_id")


# ---- Beranda ----------------------------------------------------------------------------------------------------
def beranda(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> dict:
    h = households(raw, region)
    reached = set(counted(raw, round_date(raw, round_id, as_of))["household_id"].dropna())
    o = observations(raw)
    o = o[o["household_id"].isin(h.loc[h["valid"], "household_id"])]
    demo = raw["demography"]
    year = demo.loc[demo["year"] <= as_of.year, "year"].max()
    m = moa_state(raw, as_of)
    m = m[m["moa_id"].isin(moas_in_region(raw, region))]
    b = raw["budget_allocation"]
    b = b[_overlaps(b["kabupaten_code"], region) & (b["year"] <= round_date(raw, round_id, as_of).year)]
    latest = b[b["year"] == b["year"].max()]
    return {
        "extreme_poor_households": int(h["register"].sum()),
        "extreme_poor_people": int(h.loc[h["register"], "members_count"].sum()),
        "verified_targets": int(h["verified"].sum()),
        "verified_targets_reached": int((h["verified"] & h["household_id"].isin(reached)).sum()),
        "all_households": int(
            demo[(demo["year"] == year) & in_region(demo["desa_code"], region)]["households_count"].sum()
        ),
        "observed_extreme_poor": int((o["poor"] & (o["round_id"] == round_id)).sum()),
        "baseline_extreme_poor": int((o["poor"] & (o["round_id"] == baseline)).sum()),
        "active_moa": int(m["is_active"].sum()),
        "ending_soon_moa": int(m["is_ending_soon"].sum()),
        "ended_undecided_moa": int(m["is_ended_undecided"].sum()),
        "budget_year": int(latest["year"].max()) if len(latest) else None,
        "budget_allocated_rp": float(latest["allocated_rp"].sum()),
        "budget_realised_rp": float(latest["realised_rp"].sum()),
    }


def _overlaps(codes: pd.Series, region: str) -> pd.Series:
    return in_region(codes, region) | codes.map(lambda c: (region + ".").startswith(str(c) + "."))


# ---- KPI ------------------------------------------------------------------------------------------------------------
def kpi_long(raw: Raw, ids: pd.DataFrame, keys: list[str], rounds: tuple[int, int]) -> pd.DataFrame:
    """Every KPI per keys + round_id over the households in ids (one row per household and key)."""
    o = observations(raw)
    o = o[o["round_id"].isin(rounds)]
    o = ids.merge(o, on="household_id").merge(
        raw["household"][["household_id", "mothers_children_count"]], on="household_id"
    )
    return kpi_frame(o, keys)


def kpi_frame(obs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Long frame of every KPI per keys + round_id from observations with `poor` and mothers_children_count."""
    o = obs.assign(
        mc=np.where(
            obs["health_facility_access"] & obs["sanitation_access"], obs["mothers_children_count"], 0
        )
    )
    for s in SECTORS:
        o[f"pelatihan_{s}"] = np.where(o["trained_sector"] == s, o["trained_people_count"], 0)
    g = o.groupby([*keys, "round_id"])
    wide = pd.DataFrame(
        {
            "n": g.size(),
            "penurunan_miskin_ekstrem": 100.0 * g["poor"].sum() / g.size(),
            "lapangan_kerja": g["new_jobs_count"].sum().astype(float),
            "kegiatan_ekonomi": g["business_started"].sum().astype(float),
            "akses_kesehatan_sanitasi": g["mc"].sum().astype(float),
            "kematian": g["deaths_count"].sum().astype(float),
            **{f"pelatihan_{s}": g[f"pelatihan_{s}"].sum().astype(float) for s in SECTORS},
        }
    ).reset_index()
    return wide.melt(id_vars=[*keys, "round_id", "n"], var_name="kpi_code", value_name="v")


def kpi_by_moa(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> pd.DataFrame:
    """kpi_target rows of the signed MoAs of the region with measured baseline and value, and the status."""
    m = moa_state(raw, as_of)
    scoped = set(m.loc[m["is_signed"], "moa_id"]) & moas_in_region(raw, region)
    t = raw["moa_target_household"]
    t = t[t["moa_id"].isin(scoped)].merge(raw["household"][["household_id", "desa_code"]], on="household_id")
    whole = t.groupby("moa_id").size()
    t = t[in_region(t["desa_code"], region)]
    part = t.groupby("moa_id").size()
    long = kpi_long(raw, t[["moa_id", "household_id"]], ["moa_id"], (baseline, round_id))
    k = raw["kpi_target"][raw["kpi_target"]["moa_id"].isin(scoped)]
    k = k.merge(raw["kpi_definition"][["kpi_code", "unit", "direction"]], on="kpi_code")
    k = k.drop(columns=["baseline_value"])
    for rnd, col in [(baseline, "baseline_value"), (round_id, "value")]:
        k = k.merge(
            long[long["round_id"] == rnd][["moa_id", "kpi_code", "v"]].rename(columns={"v": col}),
            on=["moa_id", "kpi_code"],
            how="left",
        )
    k["is_whole"] = k["moa_id"].map(part).fillna(0) >= k["moa_id"].map(whole)
    written = raw["kpi_target"].set_index(["moa_id", "kpi_code"])["baseline_value"]
    k["written"] = [written[(a, b)] for a, b in zip(k["moa_id"], k["kpi_code"], strict=True)]
    # the written baseline when the figure covers the whole MoA, the measured one for a part of it
    k["start"] = np.where(k["is_whole"], k["written"], k["baseline_value"])
    sign = np.where(k["direction"] == "higher", 1.0, -1.0)
    needed = (k["target_value"] - k["start"]) * sign
    k["attainment_pct"] = np.where(needed > 0, 100.0 * (k["value"] - k["start"]) * sign / needed, np.nan)
    k.loc[~k["is_whole"] & (k["unit"] != "persen"), "attainment_pct"] = np.nan
    when = round_date(raw, round_id, as_of)
    periods = m.set_index("moa_id")
    start, end = k["moa_id"].map(periods["started_on"]), k["moa_id"].map(periods["ended_on"])
    k["elapsed_share"] = ((when - start).dt.days / (end - start).dt.days).clip(0, 1)
    k["status"] = [
        "tidak_terukur"
        if pd.isna(a)
        else "tercapai"
        if a >= 100
        else "sesuai_jalur"
        if e < 1 and a >= 100 * e
        else "belum_tercapai"
        for a, e in zip(k["attainment_pct"], k["elapsed_share"], strict=True)
    ]
    return k


# ---- Intervensi -------------------------------------------------------------------------------------------------------
def coverage(raw: Raw, region: str, round_id: int, as_of: date) -> dict:
    h = households(raw, region)
    targets = h.loc[h["verified"], ["household_id", "desa_code", "members_count"]]
    given = counted(raw, round_date(raw, round_id, as_of))
    given = given[given["household_id"].isin(targets["household_id"])]
    sources = given.groupby("household_id")["source"].nunique().reindex(targets["household_id"], fill_value=0)
    return {
        "targets": len(targets),
        "by_source": given.groupby("source")["household_id"].nunique().to_dict(),
        "by_sector": given.assign(s=given["sector_code"].fillna("lintas_sektor"))
        .groupby("s")["household_id"]
        .nunique()
        .to_dict(),
        "by_strategy": given.groupby("strategy")["household_id"].nunique().to_dict(),
        "overlap": sources.value_counts().sort_index().to_dict(),
        "left_behind": sorted(
            targets.loc[~targets["household_id"].isin(given["household_id"]), "household_id"]
        ),
    }


# ---- Anggaran ---------------------------------------------------------------------------------------------------------
def cost_basis(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> dict:
    kab = raw["region"]
    kab = set(kab.loc[(kab["level"] == "kabupaten") & _overlaps(kab["region_code"], region), "region_code"])
    when = round_date(raw, round_id, as_of)
    b = raw["budget_allocation"]
    spent = b[b["kabupaten_code"].isin(kab) & (b["year"] <= when.year)]["realised_rp"].sum()
    h = raw["household"]
    verified = h[
        h["kabupaten_code"].isin(kab) & h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED)
    ]
    given = counted(raw, when)
    given = given[given["household_id"].isin(verified["household_id"])]
    p = (
        pd.concat([panel(raw, k, baseline, round_id) for k in kab])
        if kab
        else pd.DataFrame(columns=["poor_b", "poor_r"])
    )
    return {
        "realised_rp": float(spent),
        "bansos_rp": float(given.loc[given["source"] == "bansos", "amount_rp"].sum()),
        "reached_households_count": given["household_id"].nunique(),
        "reached_without_bansos_count": given.loc[given["source"] != "bansos", "household_id"].nunique(),
        "left_extreme_poverty_count": int((p["poor_b"] & ~p["poor_r"]).sum()),
    }


def cost_per_moa(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> pd.DataFrame:
    m = moa_state(raw, as_of)
    scoped = sorted(set(m.loc[m["is_signed"], "moa_id"]) & moas_in_region(raw, region))
    c = raw["contribution"].groupby("moa_id")["realised_value_rp"].sum()
    t = raw["moa_target_household"]
    given = counted(raw, as_of)
    p = panel(raw, "99", baseline, round_id).set_index("household_id")
    rows = []
    for moa_id in scoped:
        ids = t.loc[t["moa_id"] == moa_id, "household_id"]
        mine = given[given["moa_id"] == moa_id]
        out = p.reindex(ids)
        rows.append(
            {
                "moa_id": moa_id,
                "realised_rp": float(c.get(moa_id, 0)),
                "target_households_count": len(ids),
                "reached_households_count": int(ids.isin(mine["household_id"]).sum()),
                "left_extreme_poverty_count": int((out["poor_b"].eq(True) & out["poor_r"].eq(False)).sum()),
            }
        )
    return pd.DataFrame(rows)


def cost_per_program(
    raw: Raw, region: str, round_id: int, as_of: date
) -> dict[tuple[str, str], tuple[float, int]]:
    when = round_date(raw, round_id, as_of)
    b = raw["budget_allocation"]
    b = b[_overlaps(b["kabupaten_code"], region) & (b["year"] <= when.year)]
    spent = b.groupby(["kabupaten_code", "program"])["realised_rp"].sum()
    given = counted(raw, when).merge(raw["household"][["household_id", "kabupaten_code"]], on="household_id")
    reached = given.groupby(["kabupaten_code", "program"])["household_id"].nunique()
    return {key: (float(spent[key]), int(reached[key])) for key in spent.index if key in reached.index}


# ---- Perpindahan ------------------------------------------------------------------------------------------------------
def transitions(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> pd.DataFrame:
    """Households per desa, target flag, status and decile at both rounds."""
    p = panel(raw, region, baseline, round_id)
    p["is_target"] = p["household_id"].isin(signed_targets(raw, as_of)["household_id"])
    keys = ["desa_code", "is_target", "poor_b", "poor_r", "welfare_decile_b", "welfare_decile_r"]
    return p.groupby(keys).size().rename("n").reset_index()


def transitions_by_sector(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> pd.DataFrame:
    p = panel(raw, region, baseline, round_id)
    p["is_target"] = p["household_id"].isin(signed_targets(raw, as_of)["household_id"])
    given = counted(raw, round_date(raw, round_id, as_of)).dropna(subset=["household_id"])
    given = given.assign(sector_code=given["sector_code"].fillna("lintas_sektor"))
    sectors = given[["household_id", "sector_code"]].drop_duplicates()
    p = p.merge(sectors, on="household_id", how="left").fillna({"sector_code": "tanpa_intervensi"})
    return p.groupby(["sector_code", "is_target", "poor_b", "poor_r"]).size().rename("n").reset_index()


# ---- Perbandingan -----------------------------------------------------------------------------------------------------
def did_groups(raw: Raw, region: str, round_id: int, baseline: int, as_of: date) -> pd.DataFrame:
    """One row per household of the sample, with its group and covariates (as queries/did_panel.sql says)."""
    kab = raw["region"]
    kab = kab.loc[(kab["level"] == "kabupaten") & _overlaps(kab["region_code"], region), "region_code"]
    p = pd.concat([panel(raw, k, baseline, round_id) for k in kab])
    p = p[p["verified"]].copy()
    moa_given = counted(raw, as_of).dropna(subset=["moa_id", "household_id"])  # MoA interventions by as_of
    first = moa_given.groupby("household_id")["given_on"].min()
    p["first"] = p["household_id"].map(first)
    signed = set(signed_targets(raw, as_of)["household_id"])
    any_target = set(raw["moa_target_household"]["household_id"])
    reached = p["first"].notna()
    between = reached & (p["first"] > p["observed_on_b"]) & (p["first"] <= p["observed_on_r"])
    before = reached & (p["first"] <= p["observed_on_b"])
    is_signed, is_any = p["household_id"].isin(signed), p["household_id"].isin(any_target)
    p["group_code"] = np.select(
        [is_signed & between, is_signed & before, is_signed, ~is_any & ~reached, is_any & ~reached],
        ["sasaran", "sebelum_baseline", "belum_dijangkau", "pembanding", "plasebo"],
        None,
    )
    city = raw["desa_distance"].set_index("desa_code")["city_km"]
    km = p["desa_code"].map(city)
    p["remoteness_class"] = np.select([km < 15, km < 25], ["<15", "15-25"], "25+")
    p["size_class"] = np.select([p["members_count"] <= 3, p["members_count"] <= 5], ["1-3", "4-5"], "6+")
    p["is_in_region"] = in_region(p["desa_code"], region)
    return p[p["group_code"].notna()]


def did_point(groups: pd.DataFrame, treated: str) -> float | None:
    """Coarsened exact matching: per cell of baseline traits, treated change minus comparison change, averaged over
    the treated (percentage points)."""
    g = groups[
        (groups["group_code"] == "pembanding") | ((groups["group_code"] == treated) & groups["is_in_region"])
    ]
    g = g.assign(change=g["poor_r"].astype(int) - g["poor_b"].astype(int))
    cell = ["kabupaten_code", "poor_b", "welfare_decile_b", "remoteness_class", "size_class", "head_sex"]
    t = g[g["group_code"] == treated].groupby(cell)["change"].agg(["size", "mean"])
    c = g[g["group_code"] == "pembanding"].groupby(cell)["change"].mean().rename("c")
    both = t.join(c, how="inner")
    if both.empty:
        return None
    return float(100.0 * ((both["mean"] - both["c"]) * both["size"]).sum() / both["size"].sum())
