"""Desa-level social model of the demo: poverty that follows remoteness, demography and sector potential."""

from __future__ import annotations

import numpy as np
import pandas as pd

DEMOGRAPHY_YEARS = (2023, 2024, 2025)
HEALTH_YEARS = (2024, 2025)

# Extreme-poverty rate of an average desa per kabupaten, west to east: the east is poorer, as in eastern Indonesia.
KABUPATEN_BASE_EXTREME_RATE = (0.012, 0.022, 0.035, 0.06, 0.085, 0.07)


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return np.log(p / (1 - p))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _unit(x: pd.Series) -> np.ndarray:
    x = x.to_numpy(dtype=float)
    return (x - x.min()) / (x.max() - x.min())


def desa_profile(desa: pd.DataFrame, distances: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return per desa: remoteness, poverty rates, households, service access (the latest year)."""
    d = desa.merge(distances, left_on="region_code", right_on="desa_code")
    remoteness = 0.45 * _unit(d["city_km"]) + 0.2 * _unit(d["market_km"]) + 0.35 * _unit(d["elevation_m"])
    kab_no = d["kabupaten_code"].str[-2:].astype(int).to_numpy()
    base = np.array(KABUPATEN_BASE_EXTREME_RATE)[(kab_no - 1) % len(KABUPATEN_BASE_EXTREME_RATE)]
    is_kel = (d["region_type"] == "kelurahan").to_numpy()
    logit_extreme = _logit(base) + 2.2 * (remoteness - 0.4) + rng.normal(0, 0.75, len(d)) - 1.2 * is_kel
    extreme = np.clip(_sigmoid(logit_extreme), 0.001, 0.45)
    poverty = np.clip(extreme * rng.uniform(1.8, 3.2, len(d)) + rng.uniform(0.03, 0.09, len(d)), 0.02, 0.7)
    size = rng.lognormal(np.log(650), 0.45, len(d)) * np.where(is_kel, 2.8, 1.0)
    households = np.round(size).astype(int) + 80
    members = rng.uniform(3.4, 4.4, len(d))
    population = np.round(households * members).astype(int)
    electricity = np.clip(0.99 - 0.45 * remoteness**1.5 - rng.uniform(0, 0.12, len(d)), 0.35, 1.0)
    water = np.clip(
        0.92 - 0.4 * remoteness - 0.15 * d["dryness"].to_numpy() + rng.normal(0, 0.06, len(d)), 0.2, 1
    )
    sanitation = np.clip(0.88 - 0.45 * remoteness + rng.normal(0, 0.07, len(d)), 0.15, 1.0)
    return pd.DataFrame(
        {
            "desa_code": d["region_code"].to_numpy(),
            "kabupaten_code": d["kabupaten_code"].to_numpy(),
            "landscape": d["landscape"].to_numpy(),
            "remoteness": remoteness,
            "extreme_rate": extreme,
            "poverty_rate": poverty,
            "households_count": households,
            "population_count": population,
            "electricity_access": electricity,
            "water_access": water,
            "sanitation_access": sanitation,
            "puskesmas_km": d["puskesmas_km"].to_numpy(),
            "market_km": d["market_km"].to_numpy(),
            "port_km": d["port_km"].to_numpy(),
            "city_km": d["city_km"].to_numpy(),
            "dryness": d["dryness"].to_numpy(),
            "elevation_m": d["elevation_m"].to_numpy(),
        }
    )


def demography(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return demography per desa per year; poverty falls a little each year, services improve."""
    frames = []
    latest = DEMOGRAPHY_YEARS[-1]
    for year in DEMOGRAPHY_YEARS:
        back = latest - year
        pop = np.round(profile["population_count"] * (1 - 0.011 * back)).astype(int)
        female_share = rng.uniform(0.48, 0.52, len(profile))
        female = np.round(pop * female_share).astype(int)
        frames.append(
            pd.DataFrame(
                {
                    "desa_code": profile["desa_code"],
                    "year": year,
                    "population_male_count": pop - female,
                    "population_female_count": female,
                    "households_count": np.round(profile["households_count"] * (1 - 0.01 * back)).astype(int),
                    "children_under5_count": np.round(pop * rng.uniform(0.08, 0.12, len(pop))).astype(int),
                    "elderly_count": np.round(pop * rng.uniform(0.07, 0.12, len(pop))).astype(int),
                    "disability_count": np.round(pop * rng.uniform(0.015, 0.035, len(pop))).astype(int),
                    "poverty_rate_pct": np.round(100 * profile["poverty_rate"] * (1 + 0.06 * back), 2),
                    "extreme_poverty_rate_pct": np.round(100 * profile["extreme_rate"] * (1 + 0.2 * back), 2),
                    "safe_water_access_pct": np.round(
                        100 * np.clip(profile["water_access"] - 0.02 * back, 0, 1), 1
                    ),
                    "sanitation_access_pct": np.round(
                        100 * np.clip(profile["sanitation_access"] - 0.025 * back, 0, 1), 1
                    ),
                    "electricity_access_pct": np.round(
                        100 * np.clip(profile["electricity_access"] - 0.02 * back, 0, 1), 1
                    ),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# commodity: (group, landscapes it thrives in, yield tonnes per hectare)
COMMODITIES = {
    "Rumput laut": ("perikanan", {"pesisir"}, 8.0),
    "Ikan tangkap": ("perikanan", {"pesisir"}, 1.5),
    "Garam rakyat": ("perikanan", {"pesisir"}, 60.0),
    "Kelapa": ("perkebunan", {"pesisir", "dataran_rendah"}, 1.1),
    "Kopi": ("perkebunan", {"dataran_tinggi"}, 0.7),
    "Kemiri": ("perkebunan", {"dataran_tinggi"}, 0.9),
    "Kakao": ("perkebunan", {"dataran_tinggi", "dataran_rendah"}, 0.6),
    "Sayuran dataran tinggi": ("hortikultura", {"dataran_tinggi"}, 12.0),
    "Sapi potong": ("peternakan", {"lahan_kering"}, 0.25),
    "Jagung": ("tanaman_pangan", {"lahan_kering", "dataran_rendah"}, 4.5),
    "Sorgum": ("tanaman_pangan", {"lahan_kering"}, 3.0),
    "Jambu mete": ("perkebunan", {"lahan_kering"}, 0.5),
    "Padi sawah": ("tanaman_pangan", {"dataran_rendah"}, 5.2),
    "Pisang": ("hortikultura", {"dataran_rendah", "pesisir"}, 15.0),
    "Ubi kayu": ("tanaman_pangan", {"dataran_rendah", "lahan_kering"}, 18.0),
}

ENERGY_SOURCES = ("surya", "mikrohidro", "biomassa", "biogas", "angin")

# product: (group, landscapes, raw material, tonnes of raw material per producer per year)
UMKM_PRODUCTS = {
    "Ikan asin": ("olahan_hasil_laut", {"pesisir"}, "Ikan segar", 2.5),
    "Abon ikan": ("olahan_hasil_laut", {"pesisir"}, "Ikan tongkol", 1.2),
    "Kerupuk rumput laut": ("olahan_hasil_laut", {"pesisir"}, "Rumput laut kering", 0.8),
    "Kopi bubuk": ("olahan_pertanian", {"dataran_tinggi"}, "Biji kopi", 1.5),
    "Tenun ikat": ("kerajinan", {"dataran_tinggi", "lahan_kering"}, "Benang kapas", 0.05),
    "Anyaman bambu": ("kerajinan", {"dataran_tinggi", "dataran_rendah"}, "Bambu", 0.6),
    "Dendeng sapi": ("kuliner", {"lahan_kering"}, "Daging sapi", 0.9),
    "Madu hutan": ("olahan_pertanian", {"lahan_kering", "dataran_tinggi"}, "Madu mentah", 0.3),
    "Jagung titi": ("kuliner", {"lahan_kering"}, "Jagung pipil", 1.0),
    "Keripik pisang": ("kuliner", {"dataran_rendah", "pesisir"}, "Pisang", 1.8),
    "Gula aren": ("olahan_pertanian", {"dataran_rendah", "dataran_tinggi"}, "Nira aren", 3.0),
    "Minyak kelapa": ("olahan_pertanian", {"pesisir", "dataran_rendah"}, "Kelapa", 2.2),
    "Anyaman pandan": ("kerajinan", {"pesisir", "dataran_rendah"}, "Daun pandan", 0.4),
}


def potential_food(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return 2-4 commodities per desa that fit its landscape, with production, land and a potential score."""
    rows = []
    for desa in profile.itertuples():
        fits = [c for c, (_, lands, _) in COMMODITIES.items() if desa.landscape in lands]
        others = [c for c in COMMODITIES if c not in fits]
        n_fit = min(len(fits), int(rng.integers(2, 4)))
        chosen = list(rng.choice(fits, n_fit, replace=False)) + list(
            rng.choice(others, int(rng.integers(0, 2)))
        )
        for commodity in chosen:
            group, lands, yield_t = COMMODITIES[commodity]
            fit = desa.landscape in lands
            land = rng.lognormal(np.log(60 if fit else 12), 0.6)
            score = (70 if fit else 30) + 20 * (1 - desa.remoteness) * rng.uniform(0.3, 1) + rng.normal(0, 8)
            rows.append(
                {
                    "desa_code": desa.desa_code,
                    "commodity": commodity,
                    "commodity_group": group,
                    "production_ton": round(land * yield_t * rng.uniform(0.5, 1.1), 1),
                    "land_ha": round(land, 1),
                    "potential_score": round(float(np.clip(score, 0, 100)), 1),
                }
            )
    return pd.DataFrame(rows)


def potential_energy(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return each renewable source per desa: kW potential, ease of use, households without electricity."""
    n = len(profile)
    dry = profile["dryness"].to_numpy()
    elev = profile["elevation_m"].to_numpy()
    coastal = (profile["landscape"] == "pesisir").to_numpy()
    cattle = (profile["landscape"] == "lahan_kering").to_numpy()
    no_power = (
        np.round(profile["households_count"] * (1 - profile["electricity_access"])).astype(int).to_numpy()
    )
    kw = {
        "surya": 40 + 260 * np.clip(dry, 0, 1) * rng.uniform(0.6, 1.2, n),
        "mikrohidro": np.where(elev > 400, 30 + elev / 8, 5) * rng.uniform(0.2, 1.4, n),
        "biomassa": rng.uniform(10, 90, n),
        "biogas": np.where(cattle, 40, 8) * rng.uniform(0.5, 1.5, n),
        "angin": np.where(coastal | (dry > 0.7), 60, 10) * rng.uniform(0.3, 1.3, n),
    }
    ease = {
        "surya": 55 + 40 * np.clip(dry, 0, 1),
        "mikrohidro": np.where(elev > 400, 65, 15),
        "biomassa": np.full(n, 45.0),
        "biogas": np.where(cattle, 70, 30),
        "angin": np.where(coastal, 50, 20),
    }
    frames = [
        pd.DataFrame(
            {
                "desa_code": profile["desa_code"],
                "energy_source": src,
                "potential_kw": np.round(kw[src], 1),
                "ease_score": np.round(np.clip(ease[src] + rng.normal(0, 8, n), 0, 100), 1),
                "households_without_electricity_count": no_power,
            }
        )
        for src in ENERGY_SOURCES
    ]
    return pd.concat(frames, ignore_index=True)


def health_condition(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return stunting, deaths, JKN coverage and access per desa per year, worse where poorer and remoter."""
    frames = []
    n = len(profile)
    for year in HEALTH_YEARS:
        back = HEALTH_YEARS[-1] - year
        stunting = np.clip(
            12 + 60 * profile["extreme_rate"] + 14 * profile["remoteness"] + rng.normal(0, 4, n) + 1.5 * back,
            4,
            55,
        )
        births = profile["population_count"] * 0.018
        maternal = rng.poisson(births * 0.0025 * (1 + 2 * profile["remoteness"]))
        infant = rng.poisson(births * 0.02 * (1 + 1.5 * profile["remoteness"]))
        jkn = np.clip(92 - 25 * profile["remoteness"] + rng.normal(0, 5, n) - 2 * back, 40, 100)
        water = np.clip(100 * profile["water_access"] - 2 * back, 0, 100)
        sanitation = np.clip(100 * profile["sanitation_access"] - 2.5 * back, 0, 100)
        need = (
            0.35 * stunting / 55 * 100
            + 0.2 * np.clip(profile["puskesmas_km"] / 15, 0, 1) * 100
            + 0.15 * (100 - jkn)
            + 0.15 * (100 - sanitation)
            + 0.15 * np.clip((maternal + infant) / 6, 0, 1) * 100
        )
        frames.append(
            pd.DataFrame(
                {
                    "desa_code": profile["desa_code"],
                    "year": year,
                    "stunting_rate_pct": np.round(stunting, 1),
                    "maternal_deaths_count": maternal,
                    "infant_deaths_count": infant,
                    "jkn_coverage_pct": np.round(jkn, 1),
                    "puskesmas_km": profile["puskesmas_km"],
                    "clean_water_access_pct": np.round(water, 1),
                    "sanitation_access_pct": np.round(sanitation, 1),
                    "need_score": np.round(np.clip(need, 0, 100), 1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def umkm_products(profile: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return 1-3 products per desa with producers, raw-material needs and a marketing score from access."""
    rows = []
    for desa in profile.itertuples():
        fits = [p for p, (_, lands, _, _) in UMKM_PRODUCTS.items() if desa.landscape in lands]
        for product in rng.choice(fits, min(len(fits), int(rng.integers(1, 4))), replace=False):
            group, _, raw, raw_per_producer = UMKM_PRODUCTS[product]
            producers = int(rng.integers(4, 60))
            poor = int(np.clip(rng.binomial(producers, min(0.9, desa.extreme_rate * 4 + 0.1)), 0, producers))
            access = (
                100
                - 2.2 * min(desa.market_km, 20)
                - 0.8 * min(desa.port_km, 50)
                - 0.7 * min(desa.city_km, 50)
            )
            rows.append(
                {
                    "desa_code": desa.desa_code,
                    "product": product,
                    "product_group": group,
                    "producers_count": producers,
                    "producers_extreme_poor_count": poor,
                    "raw_material": raw,
                    "raw_material_need_ton_year": round(
                        producers * raw_per_producer * rng.uniform(0.6, 1.3), 1
                    ),
                    "monthly_output_units": int(producers * rng.integers(20, 200)),
                    "marketing_potential_score": round(float(np.clip(access + rng.normal(0, 7), 0, 100)), 1),
                }
            )
    return pd.DataFrame(rows)
