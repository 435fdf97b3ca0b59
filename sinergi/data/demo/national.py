"""The national-shape demo: 38 fictional provinces, 514 kabupaten/kota, ~7,100 kecamatan, ~83,000 desa and any number
of households (20 million in minutes). Desa-level tables reuse the province generator's vectorised models; partners
and MoAs come from the same generator as the province's (partners, programs; shape NATIONAL); households, their
observations and interventions are generated inside DuckDB (sinergi.data.demo.national_sql)."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from sinergi.common import geo
from sinergi.data import db, summary
from sinergi.data.demo import (
    activities,
    catalogue,
    freshness,
    households,
    national_sql,
    partners,
    population,
    programs,
)
from sinergi.data.demo.build import GENERATOR_VERSION, REGION_COLUMNS, demo_import_log, lookup_tables
from sinergi.data.demo.national_geography import PROVINCE_CODES, build_national_geography
from sinergi.data.demo.shapes import NATIONAL

Progress = Callable[[float, str], None]
NATIONAL_HOUSEHOLDS = 20_000_000


def default_path() -> Path:
    """Return where the national demo goes by default: next to the app's database, never over it."""
    return db.database_path().with_name("sinergi-national.duckdb")


def _region_table(regions: pd.DataFrame) -> pd.DataFrame:
    geoms = regions["geometry"].to_numpy()
    out = regions[REGION_COLUMNS].copy()
    out["area_km2"] = out["area_km2"].round(3)
    out["elevation_m"] = out["elevation_m"].astype(float).round(0)
    out["is_coastal"] = out["is_coastal"].astype("boolean")
    out["geometry_wkb"] = shapely.to_wkb(geoms)
    simple = shapely.simplify(geoms, geo.MAP_SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    simple = shapely.set_precision(np.where(shapely.is_empty(simple), geoms, simple), 1e-5)
    out["geometry_simplified_geojson"] = shapely.to_geojson(simple)
    return out


def _province_poverty(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Scale poverty by a factor per province: the country is uneven, as Indonesia's east and west are."""
    province = profile["desa_code"].str[:2]
    factor = province.map(dict(zip(PROVINCE_CODES, rng.lognormal(0, 0.45, len(PROVINCE_CODES)), strict=True)))
    return profile.assign(
        extreme_rate=np.clip(profile["extreme_rate"] * factor, 0.001, 0.45),
        poverty_rate=np.clip(profile["poverty_rate"] * factor**0.7, 0.02, 0.7),
    )


def _settings(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    national_sql.run(con, "settings", spill_dir=str(path.parent / f"{path.name}.spill"))


def _stage(con: duckdb.DuckDBPyConnection) -> None:
    # Commit and checkpoint between the big tables: a primary-key index of tens of millions of rows stays in memory
    # while its transaction is open, and all three at once exceed the memory limit. The file is a temporary copy
    # swapped in only when complete, so no reader ever sees a part.
    con.execute("commit")
    con.execute("checkpoint")
    con.execute("begin transaction")


def _insert(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    # the relational API names the table as an identifier: no SQL text is built
    con.from_df(frame[con.table(name).columns]).insert_into(name)


def _kpi_targets(
    con: duckdb.DuckDBPyConnection, progs: programs.Programs, rng: np.random.Generator
) -> pd.DataFrame:
    obs = national_sql.frame(con, "target_observations")
    values = activities.kpi_values(
        obs.drop(columns=["mothers_children_count"]),
        obs[["household_id", "mothers_children_count"]].drop_duplicates(),
        progs.moa_target_household,
    )
    return activities.kpi_targets(progs, values, rng)


def desa_tables(seed: int, progress: Progress) -> dict:
    """Return the regions, places, distances, desa profile and sector tables of the national demo (pandas)."""
    rng = np.random.default_rng(seed)
    progress(0.02, "wilayah nasional")
    g = build_national_geography(rng)
    desa = g.regions[g.regions["level"] == "desa"].reset_index(drop=True)
    progress(0.2, "demografi dan potensi")
    profile = _province_poverty(population.desa_profile(desa, g.distances, rng), rng)
    return {
        "rng": rng,
        "regions": g.regions,
        "places": g.places,
        "distances": g.distances,
        "profile": profile,
        "food": population.potential_food(profile, rng),
        "energy": population.potential_energy(profile, rng),
        "health": population.health_condition(profile, rng),
        "umkm": population.umkm_products(profile, rng),
    }


def write_national(
    path: Path, seed: int, household_count: int, progress: Progress, tables: dict | None = None
) -> None:
    """Generate the national demo into a new database file at path (one transaction, then a checkpoint)."""
    t = tables or desa_tables(seed, progress)
    rng, profile = t["rng"], t["profile"]
    desa = t["regions"][t["regions"]["level"] == "desa"].reset_index(drop=True)
    kabupaten = t["regions"][t["regions"]["level"] == "kabupaten"].reset_index(drop=True)
    con = duckdb.connect(str(path))
    try:
        _settings(con, path)
        con.execute("begin transaction")
        con.execute(db.load_sql("schema"))
        small = {
            **lookup_tables(),
            "region": _region_table(t["regions"]),
            "demography": population.demography(profile, rng),
            "place": t["places"],
            "desa_distance": t["distances"],
            "potential_food": t["food"],
            "potential_energy": t["energy"],
            "health_condition": t["health"],
            "umkm_product": t["umkm"],
            "monitoring_round": households.ROUNDS,
            "kpi_definition": catalogue.KPI_DEFINITIONS,
        }
        for name, frame in small.items():
            progress(0.3, f"menulis {name}")
            _insert(con, name, frame)
        progress(0.35, "rumah tangga")
        slots = national_sql.desa_slots(desa["geometry"].to_numpy(), rng)
        national_sql.insert_households(con, national_sql.desa_plan(profile, household_count), slots, seed)
        _stage(con)
        progress(0.55, "mitra dan MoA")
        partner, caps = partners.make_partners(kabupaten, desa, rng, NATIONAL)
        progs = programs.make_moas(
            profile,
            t["food"],
            t["energy"],
            t["health"],
            t["umkm"],
            national_sql.frame(con, "verified_poor"),
            partner,
            caps,
            kabupaten,
            rng,
            NATIONAL,
        )
        for name in (
            "partner",
            "partner_capacity",
            "moa",
            "moa_party",
            "moa_sector",
            "moa_stage",
            "moa_target_desa",
            "moa_target_household",
            "contribution",
        ):
            _insert(con, name, getattr(progs, name))
        progress(0.6, "pengamatan baseline dan endline")
        national_sql.insert_observations(con, activities.treatment(progs), households.ROUNDS, seed)
        _stage(con)
        progress(0.75, "target KPI, intervensi dan anggaran")
        _insert(con, "kpi_target", _kpi_targets(con, progs, rng))
        national_sql.insert_interventions(con, progs.partner, seed)
        _stage(con)
        _insert(con, "budget_allocation", activities.budget(progs, kabupaten, rng))
        _insert(con, "agency_program_history", _agency_history(progs, desa, rng))
        _insert(con, "dataset_info", _dataset_info(seed, household_count))
        _insert(con, "import_log", _import_log(con, seed, household_count))
        _stage(con)
        progress(0.9, "tabel ringkasan")
        summary.build_summaries(con)
        progress(0.95, "menyimpan")
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()


def _agency_history(progs: programs.Programs, desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    # province by province: the generator filters the desa of each agency's kabupaten, cheap on a province
    frames = []
    for code, part in desa.groupby(desa["region_code"].str[:2]):
        own = progs.partner["kabupaten_code"].str[:2] == code
        frames.append(activities.agency_history(replace(progs, partner=progs.partner[own]), part, rng))
    out = pd.concat(frames, ignore_index=True)
    out["history_id"] = [f"RWY-{i:06d}" for i in range(1, len(out) + 1)]
    return out


def _dataset_info(seed: int, household_count: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "info_key": [
                *["as_of", "source", "is_synthetic", "seed", "scale", "generator_version", "shape"],
                *freshness.fingerprint_rows(),
            ],
            "info_value": [
                programs.AS_OF.isoformat(),
                "Data sintetis Sinergi (generator demo, bentuk nasional)",
                "true",
                str(seed),
                str(household_count / households.HOUSEHOLDS_AT_SCALE_1),
                GENERATOR_VERSION,
                "national",
                *freshness.fingerprint_rows().values(),
            ],
        }
    )


def _import_log(con: duckdb.DuckDBPyConnection, seed: int, household_count: int) -> pd.DataFrame:
    rows = int(national_sql.frame(con, "row_count")["rows_count"].iloc[0]) + 1
    name = (
        f"generator demo v{GENERATOR_VERSION} bentuk nasional (seed {seed}, {household_count} rumah tangga)"
    )
    return demo_import_log(f"DEMO-NAS-{seed}-{household_count}", name, rows)


def generator_fingerprint() -> str:
    """Return a short hash of the generator's code (the national modules use the province's too) and SQL: a cached
    build is stale when it changes."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    sources = [*here.glob("*.py"), *national_sql.SQL_DIR.glob("*.sql"), *summary.SUMMARY_DIR.glob("*.sql")]
    for path in sorted(sources):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def build_national_database(
    path: Path | None = None,
    seed: int = 42,
    household_count: int = NATIONAL_HOUSEHOLDS,
    progress: Progress | None = None,
) -> Path:
    """Generate the national demo and swap it in at path atomically (default: data/sinergi-national.duckdb)."""
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.time_ns()}.tmp")
    try:
        write_national(tmp, seed, household_count, progress or (lambda f, m: None))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(f"{tmp.name}.wal").unlink(missing_ok=True)
        shutil.rmtree(tmp.with_name(f"{tmp.name}.spill"), ignore_errors=True)
    return path
