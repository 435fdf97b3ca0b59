"""The shared rules of queries/macros.sql written in pandas, for the pandas peer (benchmarks/pandas_peer.py).

Each function is the pandas form of the macro of the same name, over the whole tables the peer loaded (`f`, table
name -> DataFrame). Region codes are categoricals: a test on a code column is made once per category and spread to
the rows by the category codes, as an analyst who knows pandas would.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SIGNED_STATUSES = ("aktif", "diperpanjang", "berakhir")
VERIFIED = ("valid", "tambahan_musdes")
COLLABORATION = ("kolaborasi", "csr")
LEVEL_COLUMN = {2: "kabupaten_code", 5: "kabupaten_code", 8: "kecamatan_code"}

Frames = dict[str, pd.DataFrame]


def _match(codes: pd.Index | pd.Series, region: str) -> np.ndarray:
    codes = pd.Series(np.asarray(codes, dtype=object)).astype(str)
    return ((codes == region) | codes.str.startswith(region + ".")).to_numpy(dtype=bool)


def member(ids: pd.Series, pool: pd.Series) -> pd.Series:
    """ids.isin(pool) by Arrow's hash set: pandas' isin on Arrow strings converts every value in Python, which would
    make the peer look slower than a careful analyst's pandas."""
    found = pc.is_in(pa.array(ids), value_set=pc.unique(pa.array(pool).drop_null()))
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=ids.index)


def in_region(codes: pd.Series, region: str) -> pd.Series:
    """in_region(code, region): the code is the region or lies below it (a categorical is tested per category)."""
    if isinstance(codes.dtype, pd.CategoricalDtype):
        # a missing value (code -1) reads the appended False
        hit = np.append(_match(codes.cat.categories, region), False)
        return pd.Series(hit[codes.cat.codes.to_numpy()], index=codes.index)
    return pd.Series(_match(codes, region), index=codes.index)


def scope(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    """The rows of a frame with kabupaten/kecamatan/desa codes that lie in the region (in_region_by_level)."""
    if len(region) == 2:
        return frame[in_region(frame["kabupaten_code"], region)]
    return frame[frame[LEVEL_COLUMN.get(len(region), "desa_code")] == region]


def in_kabupaten_of(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    """The rows whose kabupaten is the kabupaten of region, or lies in it for a province (in_kabupaten_of)."""
    return scope(frame, region if len(region) == 2 else region[:5])


def overlaps(codes: pd.Series, region: str) -> pd.Series:
    """region_overlaps(code, region): the code lies in the region or covers it."""
    inside = in_region(codes, region)
    covers = codes.astype(str).map(lambda c: region == c or region.startswith(c + "."))
    return inside | covers.astype(bool)


def day(value: object) -> pd.Timestamp:
    return pd.Timestamp(value)


def round_as_of(f: Frames, round_id: int, as_of: dt.date) -> pd.Timestamp:
    """The end of the round's fieldwork, never after the as-of date (round_as_of)."""
    ended = f["monitoring_round"].set_index("round_id").loc[round_id, "ended_on"]
    return min(day(ended), day(as_of))


def moa_as_of(f: Frames, as_of: dt.date) -> pd.DataFrame:
    """Every MoA with is_signed, is_active, is_ending_soon and is_ended_undecided on a date (moa_as_of)."""
    m, d = f["moa"].copy(), day(as_of)
    m["is_signed"] = m["status"].isin(SIGNED_STATUSES) & (m["signed_on"] <= d)
    m["is_active"] = m["is_signed"] & (m["started_on"] <= d) & (m["ended_on"] >= d)
    m["is_ending_soon"] = m["is_active"] & (m["ended_on"] <= d + pd.Timedelta(days=90))
    undecided = m["renewal_decision"].isna() | (m["renewal_decided_on"] > d)
    m["is_ended_undecided"] = m["is_signed"] & (m["ended_on"] < d) & undecided
    return m


def counting(f: Frames, interventions: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The interventions that count on a date: given by then, not under an MoA unsigned then (interventions_as_of)."""
    m, d = f["moa"].set_index("moa_id"), day(as_of)
    moa_ok = (m["status"] != "draft") & (m["signed_on"] <= d)
    ids = interventions["moa_id"]
    ok = moa_ok.reindex(ids.cat.categories, fill_value=False).to_numpy(dtype=bool)
    codes = ids.cat.codes.to_numpy()
    under_ok = np.where(codes < 0, True, ok[np.maximum(codes, 0)])
    return interventions[(interventions["given_on"] <= d).to_numpy() & under_ok]


def interventions_of(f: Frames, households: pd.DataFrame, **where: object) -> pd.DataFrame:
    """The interventions given to these households (optionally only where column is in values): the households
    first, so that the country's interventions are never copied whole."""
    i = f["intervention"]
    keep = member(i["household_id"], households["household_id"]).to_numpy()
    for column, values in where.items():
        keep = keep & i[column].isin(values).to_numpy()
    return i[keep]


def reached(f: Frames, households: pd.DataFrame, as_of: dt.date, **where: object) -> pd.Series:
    """Whether each household has an intervention that counts on the date (optionally only where column=value)."""
    given = counting(f, interventions_of(f, households, **where), as_of)["household_id"]
    return member(households["household_id"], given)


def verified(h: pd.DataFrame) -> pd.Series:
    return h["is_extreme_poor"] & h["verification_status"].isin(VERIFIED)


def register(h: pd.DataFrame) -> pd.Series:
    return h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid")


def valid(h: pd.DataFrame) -> pd.DataFrame:
    return h[h["verification_status"] != "tidak_valid"]


def round_observation(f: Frames, round_ids: list[int], households: pd.DataFrame) -> pd.DataFrame:
    """The observations of these households in these rounds with is_below_line (round_observation): the households
    first, so that the country's observations are never copied whole."""
    o = f["household_observation"]
    o = o[
        o["round_id"].isin(round_ids).to_numpy()
        & member(o["household_id"], households["household_id"]).to_numpy()
    ]
    line = o["round_id"].map(f["monitoring_round"].set_index("round_id")["poverty_line_rp_per_capita_day"])
    return o.assign(is_below_line=o["expenditure_rp_per_capita_day"] < line)


def panel(f: Frames, h: pd.DataFrame, baseline_round_id: int, round_id: int) -> pd.DataFrame:
    """The valid households of h observed in both rounds, status, decile and interview date at each (panel)."""
    o = round_observation(f, [baseline_round_id, round_id], valid(h))[
        ["household_id", "round_id", "is_below_line", "welfare_decile", "observed_on"]
    ]
    b = o[o["round_id"] == baseline_round_id].drop(columns="round_id")
    b = b.rename(
        columns={
            "is_below_line": "was_extreme_poor",
            "welfare_decile": "baseline_decile",
            "observed_on": "baseline_observed_on",
        }
    )
    r = o[o["round_id"] == round_id].drop(columns="round_id")
    r = r.rename(columns={"is_below_line": "is_extreme_poor", "welfare_decile": "decile"})
    return (
        valid(h)
        .drop(columns=["is_extreme_poor"], errors="ignore")
        .merge(b, on="household_id")
        .merge(r, on="household_id")
    )


def signed_targets(f: Frames, as_of: dt.date) -> pd.DataFrame:
    """Target households of the MoAs signed by a date (signed_target)."""
    m = moa_as_of(f, as_of)
    t = f["moa_target_household"]
    return t[t["moa_id"].isin(m.loc[m["is_signed"], "moa_id"])]


def kpi_amounts(o: pd.DataFrame, mothers_children: pd.Series, kpis: pd.DataFrame) -> pd.DataFrame:
    """One row per observation and KPI with its amount (kpi_amount); o carries mothers_children_count."""
    parts = []
    for code, sector in zip(kpis["kpi_code"], kpis["sector_code"], strict=True):
        if code == "penurunan_miskin_ekstrem":
            amount = o["is_below_line"].astype(float)
        elif code == "lapangan_kerja":
            amount = o["new_jobs_count"].astype(float)
        elif code == "kegiatan_ekonomi":
            amount = o["business_started"].astype(float)
        elif code == "akses_kesehatan_sanitasi":
            both = o["health_facility_access"] & o["sanitation_access"]
            amount = mothers_children.where(both, 0).astype(float)
        elif code == "kematian":
            amount = o["deaths_count"].astype(float)
        elif code.startswith("pelatihan_"):
            same = (o["trained_sector"].astype(object) == sector).fillna(False).astype(bool)
            amount = o["trained_people_count"].where(same, 0).astype(float)
        else:
            amount = pd.Series(np.nan, index=o.index)
        parts.append(o.assign(kpi_code=code, amount=amount.to_numpy()))
    return pd.concat(parts, ignore_index=True)


def full_years(born: pd.Series, on: pd.Timestamp) -> pd.Series:
    """Complete years from each date to `on` (date_sub('year', born, on))."""
    before = (born.dt.month > on.month) | ((born.dt.month == on.month) & (born.dt.day > on.day))
    return (on.year - born.dt.year - before.astype(int)).astype("int64")
