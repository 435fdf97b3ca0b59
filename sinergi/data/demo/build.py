"""Build the synthetic demo database: deterministic for a seed, written to a temporary file then swapped in."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from sinergi.common import geo, vocabulary
from sinergi.data import db, summary
from sinergi.data.demo import (
    activities,
    catalogue,
    freshness,
    geography,
    households,
    observations,
    partners,
    population,
    programs,
)

GENERATOR_VERSION = "1"
DEFAULT_SEED = 42
Progress = Callable[[float, str], None]


def lookup_tables() -> dict[str, pd.DataFrame]:
    """Return the lookup tables, filled from sinergi.common.vocabulary (the one source of coded values)."""
    rows = vocabulary.vocabulary_rows()
    return {
        "vocabulary": pd.DataFrame(rows, columns=["domain", "code", "sort_order"]),
        "sector": pd.DataFrame(
            [(code, *vocabulary.SECTOR_NAMES[code]) for code in vocabulary.SECTORS],
            columns=["sector_code", "name_id", "name_en"],
        ),
        "program_stage": pd.DataFrame(
            [(no, code, *vocabulary.STAGE_NAMES[code]) for no, code in enumerate(vocabulary.STAGES, 1)],
            columns=["stage_no", "stage_code", "name_id", "name_en"],
        ),
    }


# the columns of region the generators fill (both the kabupaten demo and the national one)
REGION_COLUMNS = [
    "region_code",
    "region_code_nodot",
    "level",
    "region_type",
    "name",
    "parent_code",
    "kabupaten_code",
    "kecamatan_code",
    "area_km2",
    "centroid_lon",
    "centroid_lat",
    "elevation_m",
    "is_coastal",
    "landscape",
]


def _region_table(regions: pd.DataFrame) -> pd.DataFrame:
    geoms = regions["geometry"].to_numpy()
    out = regions[REGION_COLUMNS].copy()
    out["area_km2"] = out["area_km2"].round(3)
    out["elevation_m"] = out["elevation_m"].astype(float).round(0)
    out["is_coastal"] = out["is_coastal"].astype("boolean")
    out["geometry_wkb"] = shapely.to_wkb(geoms)
    out["geometry_simplified_geojson"] = [geo.simplified_geojson(g) for g in geoms]
    return out


def generate(
    seed: int = DEFAULT_SEED, scale: float = 1.0, progress: Progress | None = None
) -> dict[str, pd.DataFrame]:
    """Return every table of the demo as DataFrames, in schema column order."""
    say = progress or (lambda f, m: None)
    rng = np.random.default_rng(seed)
    say(0.05, "wilayah")
    g = geography.build_geography(rng)
    desa = g.regions[g.regions["level"] == "desa"].reset_index(drop=True)
    kabupaten = g.regions[g.regions["level"] == "kabupaten"].reset_index(drop=True)
    say(0.15, "demografi dan potensi")
    profile = population.desa_profile(desa, g.distances, rng)
    food = population.potential_food(profile, rng)
    energy = population.potential_energy(profile, rng)
    health = population.health_condition(profile, rng)
    umkm = population.umkm_products(profile, rng)
    say(0.3, "rumah tangga")
    geoms = dict(zip(desa["region_code"], desa["geometry"], strict=True))
    hh = households.make_households(profile, geoms, scale, rng)
    say(0.5, "mitra dan MoA")
    partner_table, caps = partners.make_partners(kabupaten, desa, rng)
    poor = programs.verified_poor(hh)
    progs = programs.make_moas(profile, food, energy, health, umkm, poor, partner_table, caps, kabupaten, rng)
    say(0.6, "pengamatan baseline dan endline")
    obs = observations.make_observations(hh, activities.treatment(progs), rng)
    values = activities.kpi_values(obs, hh, progs.moa_target_household)
    say(0.75, "intervensi dan anggaran")
    tables = {
        **lookup_tables(),
        "dataset_info": pd.DataFrame(
            {
                "info_key": [
                    "as_of",
                    "source",
                    "is_synthetic",
                    "seed",
                    "scale",
                    "generator_version",
                    *freshness.fingerprint_rows(),
                ],
                "info_value": [
                    programs.AS_OF.isoformat(),
                    "Data sintetis Sinergi (generator demo)",
                    "true",
                    str(seed),
                    str(scale),
                    GENERATOR_VERSION,
                    *freshness.fingerprint_rows().values(),
                ],
            }
        ),
        "region": _region_table(g.regions),
        "demography": population.demography(profile, rng),
        "place": g.places,
        "desa_distance": g.distances,
        "potential_food": food,
        "potential_energy": energy,
        "health_condition": health,
        "umkm_product": umkm,
        "household": hh,
        "monitoring_round": households.ROUNDS,
        "household_observation": obs,
        "partner": progs.partner,
        "partner_capacity": progs.partner_capacity,
        "moa": progs.moa,
        "moa_party": progs.moa_party,
        "moa_sector": progs.moa_sector,
        "moa_stage": progs.moa_stage,
        "moa_target_desa": progs.moa_target_desa,
        "moa_target_household": progs.moa_target_household,
        "contribution": progs.contribution,
        "kpi_definition": catalogue.KPI_DEFINITIONS,
        "kpi_target": activities.kpi_targets(progs, values, rng),
        "intervention": activities.interventions(hh, progs, rng),
        "budget_allocation": activities.budget(progs, kabupaten, rng),
        "agency_program_history": activities.agency_history(progs, desa, rng),
    }
    tables["import_log"] = _demo_import_log(tables, seed, scale)
    return tables


def _demo_import_log(tables: dict[str, pd.DataFrame], seed: int, scale: float) -> pd.DataFrame:
    rows = sum(len(frame) for frame in tables.values())
    name = f"generator demo v{GENERATOR_VERSION} (seed {seed}, skala {scale})"
    return demo_import_log(f"DEMO-{seed}-{scale}", name, rows)


def demo_import_log(import_id: str, file_name: str, rows_written: int) -> pd.DataFrame:
    """Return the one import_log row that records a synthetic generation itself (both demo shapes)."""
    return pd.DataFrame(
        {
            "import_id": [import_id],
            "kind": ["demo"],
            "file_name": [file_name],
            "file_sha256": [""],
            "imported_by": ["sinergi.data.demo"],
            "imported_at": [pd.Timestamp(programs.AS_OF)],
            "rows_read_count": [0],
            "rows_written_count": [rows_written],
            "rows_rejected_count": [0],
            "warnings_count": [0],
            "backup_file": [None],
        }
    )


def write_database(tables: dict[str, pd.DataFrame], path: Path, progress: Progress | None = None) -> None:
    """Create the schema in a new file at path and load every table in one transaction."""
    say = progress or (lambda f, m: None)
    con = duckdb.connect(str(path))
    try:
        con.execute("begin transaction")
        con.execute(db.load_sql("schema"))
        for i, (name, frame) in enumerate(tables.items()):
            say(0.8 + 0.18 * i / len(tables), f"menulis {name}")
            # the relational API names the table as an identifier: no SQL text is built
            columns = con.table(name).columns
            con.from_df(frame[columns]).insert_into(name)
        summary.build_summaries(con)
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()


def build_demo_database(
    path: Path | None = None, seed: int = DEFAULT_SEED, scale: float = 1.0, progress: Progress | None = None
) -> Path:
    """Generate the demo and swap it in at path atomically; readers never see a half-written file."""
    path = Path(path or db.database_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.time_ns()}.tmp")
    try:
        write_database(generate(seed, scale, progress), tmp, progress)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(1.0, "selesai")
    return path
