"""The national-shape demo's big tables, generated inside DuckDB from per-desa plans (no Python loop per household).

Households, their observations and interventions are written by the SQL in queries/demo_national/, which draws every
random value as a hash of (seed, row, draw): deterministic for a seed, parallel, and never materialised in Python.
The probabilities are those of sinergi.data.demo.households and .observations.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from sinergi.common.vocabulary import SECTORS
from sinergi.data import db
from sinergi.data.demo import names
from sinergi.data.demo.catalogue import SECTOR_THEMES

SQL_DIR = db.QUERIES_DIR / "demo_national"
SLOTS_PER_DESA = 32  # triangles drawn per desa (by area); a dwelling is a uniform point in one of them


def _cum(rows: dict[int, list[float]] | list[float]) -> list:
    """Return cumulative thresholds (without the last 1.0) of normalised weights, per decile when given a dict."""
    if isinstance(rows, dict):
        return [_cum(rows[d]) for d in (1, 2, 3, 4)]
    w = np.asarray(rows, dtype=float)
    return [float(x) for x in np.cumsum(w / w.sum())[:-1]]


OCCUPATIONS = ["PETANI", "NELAYAN", "PEKERJA LEPAS", "PEDAGANG", "WIRASWASTA", "TIDAK/BELUM BEKERJA"]
OCCUPATION_BY_LANDSCAPE = {
    "pesisir": [0.15, 0.45, 0.15, 0.1, 0.05, 0.1],
    "dataran_tinggi": [0.65, 0.0, 0.12, 0.06, 0.05, 0.12],
    "lahan_kering": [0.55, 0.0, 0.18, 0.07, 0.05, 0.15],
    "dataran_rendah": [0.45, 0.02, 0.22, 0.12, 0.07, 0.12],
}
WATER = [
    "SUMUR TIDAK TERLINDUNG",
    "AIR HUJAN",
    "SUMUR TERLINDUNG",
    "SUMUR BOR",
    "LEDENG/PAM",
    "AIR KEMASAN/ISI ULANG",
]
HOUSEHOLD_PARAMS: dict[str, object] = {
    "occupations": OCCUPATIONS,
    "education": [
        "TIDAK/BELUM SEKOLAH",
        "TDK TAMAT SD/SEDERAJAT",
        "TAMAT SD/SEDERAJAT",
        "TAMAT SLTP/SEDERAJAT",
        "TAMAT SLTA/SEDERAJAT",
        "TAMAT PT/AKADEMI",
    ],
    "education_cum": _cum(
        {
            1: [14, 30, 36, 12, 7, 1],
            2: [9, 24, 38, 16, 11, 2],
            3: [6, 18, 38, 19, 16, 3],
            4: [4, 14, 34, 22, 22, 4],
        }
    ),
    "ownership": ["MILIK SENDIRI", "BEBAS SEWA/MENUMPANG", "KONTRAK/SEWA"],
    "ownership_cum": _cum({1: [78, 18, 4], 2: [82, 13, 5], 3: [85, 9, 6], 4: [86, 7, 7]}),
    "roof": ["JERAMI/IJUK/RUMBIA/ DAUN-DAUNAN", "ASBES/SENG", "GENTENG", "BETON"],
    "roof_cum": _cum({1: [30, 60, 9, 1], 2: [18, 68, 12, 2], 3: [10, 70, 17, 3], 4: [6, 68, 22, 4]}),
    "wall": ["BAMBU", "KAYU/PAPAN", "SENG", "TEMBOK"],
    "wall_cum": _cum({1: [38, 35, 5, 22], 2: [25, 35, 5, 35], 3: [16, 32, 4, 48], 4: [10, 28, 4, 58]}),
    "floor": ["TANAH", "BAMBU", "KAYU/PAPAN", "SEMEN", "KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO"],
    "floor_cum": _cum(
        {1: [42, 6, 10, 38, 4], 2: [28, 5, 10, 50, 7], 3: [18, 4, 9, 58, 11], 4: [11, 3, 8, 62, 16]}
    ),
    "lighting": ["LISTRIK PLN METERAN", "LISTRIK PLN NON METERAN", "LISTRIK NON-PLN"],
    "lighting_cum": _cum([0.7, 0.2, 0.1]),
    "cooking": ["ARANG/KAYU", "MINYAK TANAH", "LISTRIK/GAS"],
    "cooking_cum": _cum({1: [82, 8, 10], 2: [70, 8, 22], 3: [58, 8, 34], 4: [45, 7, 48]}),
    "water": WATER,
    "valid_p": [0.78, 0.55, 0.4, 0.3],
    "invalid_reasons": ["pindah domisili", "meninggal dunia", "mampu secara ekonomi", "data ganda"],
    "pkh_p": [0.55, 0.40, 0.25, 0.14],
    "bpnt_p": [0.62, 0.50, 0.35, 0.22],
    "pbi_p": [0.72, 0.62, 0.50, 0.40],
    "blt_p": [0.22, 0.12, 0.06, 0.03],
    "kur_p": [0.01, 0.03, 0.05, 0.08],
    "male": names.FIRST_NAMES_MALE,
    "female": names.FIRST_NAMES_FEMALE,
    "family": names.FAMILY_NAMES,
}
OBSERVATION_PARAMS: dict[str, object] = {
    "exp_lo": [0.55, 1.0, 1.25, 1.5],
    "exp_hi": [0.98, 1.35, 1.7, 2.2],
    "employed_p": [0.55, 0.65, 0.72, 0.8],
    "sectors": list(SECTORS),
}
BANSOS = pd.DataFrame(
    [
        (1, "bansos", "kurangi_beban", "PKH", "kesehatan", 3_000_000),
        (2, "bansos", "kurangi_beban", "BPNT/Sembako", "pangan", 2_400_000),
        (3, "bansos", "kurangi_beban", "PBI-JKN", "kesehatan", 504_000),
        (4, "dana_desa", "kurangi_beban", "BLT Dana Desa", None, 3_600_000),
        (5, "bansos", "tingkatkan_pendapatan", "KUR Mikro", "umkm", 10_000_000),
    ],
    columns=["k", "source", "strategy", "program", "sector_code", "amount_rp"],
)
HUB_OF_SECTOR = {
    "pangan": "dinas_pertanian",
    "energi": "dinas_esdm",
    "kesehatan": "dinas_kesehatan",
    "umkm": "dinas_umkm",
}


def statements(name: str) -> list[str]:
    """Return the statements of queries/demo_national/<name>.sql (fixed SQL; values are bound)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"invalid query name: {name!r}")
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return [
        s
        for s in text.split(";\n")
        if any(ln.strip() and not ln.strip().startswith("--") for ln in s.splitlines())
    ]


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> None:
    """Run queries/demo_national/<name>.sql, binding the parameters each statement names."""
    for statement in statements(name):
        wanted = db.sql_parameters(statement)
        con.execute(statement, {k: params[k] for k in wanted})


def register(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Register frame under name as an Arrow table (strings are not copied through Python objects)."""
    con.register(name, pa.Table.from_pandas(frame, preserve_index=False))


def _apportion(weights: np.ndarray, total: int) -> np.ndarray:
    """Return integer counts, at least 1 each, summing to total (or to the number of weights if more), by weight."""
    total = max(total, len(weights))
    share = 1 + weights / weights.sum() * (total - len(weights))
    count = np.floor(share).astype(int)
    count[np.argsort(count - share, kind="stable")[: total - count.sum()]] += 1
    return count


def desa_plan(profile: pd.DataFrame, target_households: int) -> pd.DataFrame:
    """Return per desa (in code order) its register size and mix: households, decile thresholds, access shares."""
    register_share = np.clip(profile["poverty_rate"] * 1.5 + 0.06, 0.08, 0.75)
    raw = profile["households_count"] * register_share
    count = _apportion(raw.to_numpy(dtype=float), target_households)
    d1 = np.clip(profile["extreme_rate"] / register_share, 0.03, 0.8).to_numpy()
    rest = (1 - d1) / 3
    w = profile["water_access"].to_numpy()
    water = np.column_stack([1 - w, (1 - w) * 0.4, w * 0.35, w * 0.2, w * 0.3, w * 0.15])
    water_cum = np.cumsum(water / water.sum(1, keepdims=True), axis=1)[:, :-1]
    occ = {k: _cum(v) for k, v in OCCUPATION_BY_LANDSCAPE.items()}
    codes = profile["desa_code"]
    return pd.DataFrame(
        {
            "desa_no": np.arange(len(profile)),
            "desa_code": codes.to_numpy(),
            "desa_nodot": codes.str.replace(".", "", regex=False).to_numpy(),
            "kecamatan_code": codes.str[:8].to_numpy(),
            "kecamatan_nodot": codes.str[:8].str.replace(".", "", regex=False).to_numpy(),
            "kabupaten_code": codes.str[:5].to_numpy(),
            "first_hh": np.r_[0, np.cumsum(count)[:-1]],
            "households": count,
            "d1": d1,
            "c2": d1 + rest * 1.1,
            "c3": d1 + rest * 2.1,
            "electricity": profile["electricity_access"].to_numpy(),
            "sanitation": profile["sanitation_access"].to_numpy(),
            "occ_cum": [occ.get(land, occ["dataran_rendah"]) for land in profile["landscape"]],
            "water_cum": list(water_cum),
        }
    )


def desa_slots(geoms: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Return SLOTS_PER_DESA triangles per desa, drawn with probability by area from its triangulation."""
    tris = shapely.constrained_delaunay_triangles(geoms)
    parts, owner = shapely.get_parts(tris, return_index=True)
    area = shapely.area(parts)
    coords = shapely.get_coordinates(shapely.get_exterior_ring(parts)).reshape(len(parts), 4, 2)[:, :3, :]
    cum = np.cumsum(area)
    start = np.searchsorted(owner, np.arange(len(geoms)))
    stop = np.searchsorted(owner, np.arange(len(geoms)), side="right")
    base = np.where(start > 0, cum[np.maximum(start - 1, 0)], 0.0)
    total = cum[stop - 1] - base
    u = rng.random((len(geoms), SLOTS_PER_DESA))
    pick = np.searchsorted(cum, base[:, None] + u * total[:, None], side="right")
    pick = np.clip(pick, start[:, None], stop[:, None] - 1).ravel()
    c = coords[pick]
    return pd.DataFrame(
        {
            "desa_no": np.repeat(np.arange(len(geoms)), SLOTS_PER_DESA),
            "slot": np.tile(np.arange(SLOTS_PER_DESA), len(geoms)),
            "x0": c[:, 0, 0],
            "y0": c[:, 0, 1],
            "x1": c[:, 1, 0],
            "y1": c[:, 1, 1],
            "x2": c[:, 2, 0],
            "y2": c[:, 2, 1],
        }
    )


def insert_households(
    con: duckdb.DuckDBPyConnection, plan: pd.DataFrame, slots: pd.DataFrame, seed: int
) -> None:
    """Write the household table from the desa plan."""
    run(con, "macros")
    register(con, "plan_desa", plan)
    register(con, "plan_slot", slots)
    run(con, "households", seed=seed, **HOUSEHOLD_PARAMS)


def insert_observations(
    con: duckdb.DuckDBPyConnection, treatment: pd.DataFrame, rounds: pd.DataFrame, seed: int
) -> None:
    """Write baseline and endline observations of every household; change follows each MoA's effect."""
    register(con, "plan_treatment", treatment[["household_id", "effect", *SECTORS]])
    register(con, "plan_round", rounds[["round_id", "started_on"]])
    run(
        con,
        "household_observations",
        seed=seed,
        line=float(rounds["poverty_line_rp_per_capita_day"].iloc[0]),
        baseline_round_id=int(rounds["round_id"].iloc[0]),
        **OBSERVATION_PARAMS,
    )


def insert_interventions(con: duckdb.DuckDBPyConnection, partners: pd.DataFrame, seed: int) -> None:
    """Write interventions from every source (needs households, MoAs and partners in the database)."""
    register(con, "plan_bansos", BANSOS)
    register(
        con,
        "plan_theme",
        pd.DataFrame(
            {
                "sector_code": list(SECTORS),
                "first_theme": [SECTOR_THEMES[s][0] for s in SECTORS],
                "last_theme": [SECTOR_THEMES[s][-1] for s in SECTORS],
                "hub_role": [HUB_OF_SECTOR[s] for s in SECTORS],
            }
        ),
    )
    csr = partners.loc[partners["partner_type"].isin(["swasta", "bumn"]), "partner_id"].tolist()
    run(
        con, "interventions", seed=seed, csr_partners=csr, sectors=list(SECTORS), agency_sectors=list(SECTORS)
    )


def frame(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Return the result of the read query queries/demo_national/<name>.sql."""
    (statement,) = statements(name)
    return con.execute(statement, {k: params[k] for k in db.sql_parameters(statement)}).df()
