"""A naive pandas peer of the app's household-scale queries: whole tables from Parquet into DataFrames, then filter to
the region, merge and group, the way an analyst answers the same questions with pandas (issue 14).

Each peer (benchmarks/pandas_answers.py) answers the query file of the same name with the query's own parameters and
the rules of queries/macros.sql (benchmarks/pandas_rules.py): the as-of date, a round's end of fieldwork, valid and
verified households, signed MoAs, counted interventions. `agrees` compares the whole answer with the app's: the same
columns, the same rows (sorted), numbers as numbers (a Count as its true value), tests/test_pandas_peer.py keeps it so.

The load is the naive one: every table a page's peers need, whole (the whole country), only the columns they read.
The region is chosen inside the timed compute: each peer filters the region's households first, then their
observations and interventions, and groups. To make the whole country fit in memory, the loader does what a
competent analyst would: only the needed columns (never names, NIK, geometry WKB or the household's 20 other
attributes), region codes, statuses and other codes as categoricals (an int32 per row instead of a string), numbers
and flags as numpy int32/float64/bool, dates as datetime64, ids as pandas' Arrow-backed strings; membership tests
by Arrow's hash set (pandas' isin on Arrow strings goes through Python objects).
Measured on the shared 2-core, 23 GB machine (`python benchmarks/pandas_peer.py FOLDER`: every table loaded alone,
peak RSS of the process, Python and libraries included):
- 1 M households (nat1m_v2): 0.35 GB of frames, 0.70 GB peak, 5 s; with the heaviest peer of the largest province
  after it (kpi_by_moa, province 47) 0.85 GB peak.
- 20 M households (the export /work/scale-data/nat20m_v2.duckdb.parquet: 20 M households, 40 M observations, 29 M
  interventions): 5.07 GB of frames, 6.98 GB peak, 80 s wall; computing every peer for province 47 after it
  peaked at 9.4 GB (kpi_by_moa, before its targets were merged with their own households only).
- Since the peers of Perpindahan, Banding, Intervensi, Anggaran, Koordinasi and the Briefing's map (pandas_more.py,
  pandas_reach.py, pandas_coordination.py): observed_on, the intervention's desa, program and partner, and five small
  tables more; at 1 M 0.38 GB of frames, 0.77 GB peak, and 0.83 GB after every new peer of province 47. At 20 M
  (estimated from the columns' sizes: +0.32 GB observed_on, +0.2 GB intervention codes) ~5.6 GB of frames.
The whole country fits at every scale, so the peer never loads a region or province only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import numbers
import resource
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pandas_answers
import pandas_coordination
import pandas_maps
import pandas_more
import pandas_reach
import pyarrow.parquet as pq

from sinergi.common.suppressed import is_count, true_value

# table -> (columns the peers read, of which categoricals)
TABLES: dict[str, tuple[list[str], list[str]]] = {
    "household": (
        [
            "household_id",
            "desa_code",
            "kecamatan_code",
            "kabupaten_code",
            "members_count",
            "mothers_children_count",
            "head_sex",
            "head_birth_on",
            "is_extreme_poor",
            "verification_status",
            "has_disability_member",
        ],
        ["desa_code", "kecamatan_code", "kabupaten_code", "head_sex", "verification_status"],
    ),
    "household_observation": (
        [
            "household_id",
            "round_id",
            "observed_on",
            "expenditure_rp_per_capita_day",
            "welfare_decile",
            "new_jobs_count",
            "trained_sector",
            "trained_people_count",
            "business_started",
            "health_facility_access",
            "sanitation_access",
            "deaths_count",
        ],
        ["trained_sector"],
    ),
    "intervention": (
        ["household_id", "desa_code", "source", "strategy", "program", "sector_code", "partner_id", "moa_id"]
        + ["given_on", "amount_rp"],
        ["desa_code", "source", "strategy", "program", "sector_code", "partner_id", "moa_id"],
    ),
    "moa_target_household": (["moa_id", "household_id"], ["moa_id"]),
    "region": (
        [
            "region_code",
            "level",
            "region_type",
            "name",
            "parent_code",
            "kabupaten_code",
            "kecamatan_code",
            "centroid_lon",
            "centroid_lat",
            "geometry_simplified_geojson",
        ],
        [],
    ),
    "moa": (
        [
            "moa_id",
            "title",
            "kabupaten_code",
            "status",
            "signed_on",
            "started_on",
            "ended_on",
            "renewal_decision",
            "renewal_decided_on",
        ],
        [],
    ),
    "moa_target_desa": (["moa_id", "desa_code"], []),
    "monitoring_round": (["round_id", "ended_on", "poverty_line_rp_per_capita_day"], []),
    "demography": (["desa_code", "year", "households_count"], []),
    "budget_allocation": (["kabupaten_code", "year", "program", "sector_code", "realised_rp"], []),
    "contribution": (["moa_id", "pledged_value_rp", "realised_value_rp"], []),
    "agency_program_history": (["partner_id", "sector_code", "desa_code", "year"], []),
    "moa_sector": (["moa_id", "sector_code"], []),
    "moa_party": (["moa_id", "partner_id"], []),
    "partner": (["partner_id", "name"], []),
    "kpi_target": (["moa_id", "kpi_code", "baseline_value", "target_value", "deadline_on"], []),
    "kpi_definition": (None, []),  # every column
    "potential_food": (["desa_code", "commodity", "potential_score"], []),
    "potential_energy": (
        ["desa_code", "energy_source", "ease_score", "households_without_electricity_count"],
        [],
    ),
    "health_condition": (["desa_code", "year", "need_score", "stunting_rate_pct"], []),
    "umkm_product": (
        ["desa_code", "product", "marketing_potential_score", "producers_extreme_poor_count"],
        [],
    ),
    "desa_distance": (["desa_code", "port_km", "market_km", "city_km", "puskesmas_km"], []),
}
SMALL = ("region", "moa", "moa_target_desa", "monitoring_round", "kpi_definition", "kpi_target")
HOUSEHOLD = ("household", "household_observation", "intervention", "moa_target_household")
PANEL = ("household", "household_observation", "moa_target_household")
REACH = ("household", "intervention")
PLACES = (
    "demography",
    "potential_food",
    "potential_energy",
    "health_condition",
    "umkm_product",
    "desa_distance",
)
AT_WORK = ("intervention", "agency_program_history", "moa_sector", "moa_party")
NEEDS = {  # query -> tables its peer reads (besides SMALL)
    "overview_households": (*HOUSEHOLD, "demography"),
    "extreme_poor_by_child_region": ("household", "household_observation"),
    "location_indicators": (*REACH, *PLACES),
    "location_indicators_by_area": (*REACH, *PLACES),
    "household_transitions_by_desa": HOUSEHOLD,
    "kpi_by_moa": HOUSEHOLD,
    "intervention_coverage": REACH,
    "left_behind_households": REACH,
    "budget_cost_basis": (*HOUSEHOLD, "budget_allocation"),
    "scorecard_kabupaten": (*HOUSEHOLD, "budget_allocation"),
    # benchmarks/pandas_more.py, pandas_reach.py, pandas_coordination.py
    "household_transitions_by_decile": PANEL,
    "household_transitions_by_sector": HOUSEHOLD,
    "household_transitions_by_sector_rows": HOUSEHOLD,
    "household_transitions_desa": PANEL,
    "did_panel": (*HOUSEHOLD, "desa_distance"),
    "intervention_overlap": REACH,
    "left_behind_by_desa": REACH,
    "briefing_extreme_poor_by_desa": ("household", "household_observation"),
    "cost_per_moa": (*HOUSEHOLD, "contribution"),
    "cost_per_program": (*REACH, "budget_allocation"),
    "sector_need_by_desa": ("household", *AT_WORK, "potential_energy", "health_condition", "umkm_product"),
    "actors_by_area_sector": (*AT_WORK, "partner"),
}
MODULES = (pandas_answers, pandas_maps, pandas_more, pandas_reach, pandas_coordination)
PEERS: dict[str, Callable[..., pd.DataFrame]] = {
    name: next(getattr(m, name) for m in MODULES if hasattr(m, name)) for name in NEEDS
}


def export_parquet(con, folder: Path) -> None:
    """Write every table a peer reads to folder/<table>.parquet (once; the relational API, no SQL text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        target = folder / f"{table}.parquet"
        if not target.exists():
            con.table(table).write_parquet(str(target))


def load_table(folder: Path, table: str) -> pd.DataFrame:
    """Read one whole table: the needed columns, codes as categoricals, dates as datetime64."""
    columns, categories = TABLES[table]
    arrow = pq.read_table(folder / f"{table}.parquet", columns=columns, read_dictionary=categories or None)
    frame = arrow.to_pandas(date_as_object=False, self_destruct=True)
    for column in categories:  # in code order, as the app sorts them
        frame[column] = frame[column].cat.reorder_categories(sorted(frame[column].cat.categories))
    return frame


def tables_for(queries: list[str]) -> list[str]:
    """The tables the peers of these queries read."""
    return sorted({*SMALL, *(t for q in queries for t in NEEDS[q])})


def load(folder: Path, queries: list[str]) -> dict[str, pd.DataFrame]:
    """Read every table the peers of these queries need, whole (the whole country)."""
    return {t: load_table(folder, t) for t in tables_for(queries)}


def _true(value: object) -> object:
    """A Count as its true number (a page's frame holds Counts; sinergi.common.suppressed)."""
    return true_value(value) if is_count(value) else value


def _kind(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    values = s.dropna()
    if len(values) and values.map(lambda v: isinstance(v, numbers.Number)).all():
        return "number"
    if len(values) and values.map(lambda v: isinstance(v, dt.date)).all():
        return "date"
    return "text"


def normalised(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns of a frame with comparable types: numbers and flags (and Counts, by their true value) as float,
    dates as day timestamps, the rest as text (null as None); rows sorted by every column."""
    out = {}
    for column in columns:
        s = frame[column].map(_true) if frame[column].dtype == object else frame[column]
        kind = _kind(s)
        if kind == "number":
            out[column] = pd.to_numeric(s.astype(object)).astype(float)
        elif kind == "date":
            out[column] = pd.to_datetime(s.astype(object)).dt.normalize()
        else:
            out[column] = s.astype(object).where(s.notna(), None).map(lambda v: v if v is None else str(v))
    result = pd.DataFrame(out)
    return result.sort_values(columns, na_position="first", kind="stable").reset_index(drop=True)


def differences(peer: pd.DataFrame, app: pd.DataFrame) -> list[str]:
    """Return what differs between the peer's answer and the app's (empty when they agree)."""
    columns = list(app.columns)
    missing = [c for c in columns if c not in peer.columns]
    if missing:
        return [f"peer lacks columns {missing}"]
    if len(peer) != len(app):
        return [f"{len(peer)} rows, app {len(app)}"]
    a, b = normalised(peer, columns), normalised(app, columns)
    found = []
    for column in columns:
        x, y = a[column], b[column]
        if x.dtype == float and y.dtype == float:
            same = np.isclose(x, y, rtol=1e-9, atol=1e-6, equal_nan=True)
        else:
            same = (x.astype(object) == y.astype(object)).to_numpy() | (x.isna() & y.isna()).to_numpy()
        if not same.all():
            i = int(np.argmin(same))
            found.append(f"{column}: row {i} peer {x.iloc[i]!r} app {y.iloc[i]!r} ({(~same).sum()} rows)")
    return found


def agrees(name: str, peer: pd.DataFrame, app: pd.DataFrame) -> bool:
    """Return whether the peer's whole answer equals the app's (every column of the app's, every row)."""
    return not differences(peer, app)


def main() -> None:
    """Load every table of every peer from an export folder once; print the seconds and the peak RSS."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    t0 = time.perf_counter()
    frames = load(args.folder, list(NEEDS))
    held = sum(f.memory_usage(deep=True).sum() for f in frames.values()) / 1e9
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"{time.perf_counter() - t0:.1f} s; frames {held:.2f} GB; peak RSS {peak:.2f} GB")


if __name__ == "__main__":
    main()
