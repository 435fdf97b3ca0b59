"""P3KE-style register households and their baseline/endline observations, vectorised (no loop per household)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import shapely

from sinergi.data.demo import names

HOUSEHOLDS_AT_SCALE_1 = 150_000
# The extreme-poverty line: US$1.90 a day at 2011 purchasing-power parity, which BPS put at Rp 11,941 per person per
# day in March 2021. Each round uses it adjusted to the prices of its fieldwork; the consumer-price factors since
# March 2021 are an assumption of the demo, not published figures.
EXTREME_LINE_MARCH_2021_RP = 11_941.0
PRICE_FACTOR_SINCE_MARCH_2021 = (1.116, 1.149)  # baseline (February 2025), endline (August 2026)
REGISTER_YEAR = 2024

ROUNDS = pd.DataFrame(
    {
        "round_id": [1, 2],
        "round_code": ["baseline", "endline"],
        "name_id": ["Baseline 2025", "Endline 2026"],
        "name_en": ["Baseline 2025", "Endline 2026"],
        "started_on": [date(2025, 2, 3), date(2026, 8, 3)],
        "ended_on": [date(2025, 3, 28), date(2026, 9, 25)],
        "poverty_line_rp_per_capita_day": [
            round(EXTREME_LINE_MARCH_2021_RP * f) for f in PRICE_FACTOR_SINCE_MARCH_2021
        ],
        "poverty_line_source": [
            f"US$1,90 PPP 2011 (BPS Maret 2021: Rp 11.941) × IHK {month} / Maret 2021 = {str(f).replace('.', ',')} "
            "(asumsi demo)"
            for month, f in zip(("Februari 2025", "Agustus 2026"), PRICE_FACTOR_SINCE_MARCH_2021, strict=True)
        ],
    }
)
# The line of the baseline round: the demo draws each household's expenditure relative to it.
POVERTY_LINE_RP_PER_CAPITA_DAY = float(ROUNDS["poverty_line_rp_per_capita_day"].iloc[0])


def draw_per_row(rng: np.random.Generator, values: list[str], probs: np.ndarray) -> np.ndarray:
    """Draw one value per row from row-specific probabilities (rows of probs sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None]
    idx = (u > cum).sum(axis=1)
    return np.array(values, dtype=object)[np.minimum(idx, len(values) - 1)]


def _by_decile(decile: np.ndarray, table: dict[int, list[float]]) -> np.ndarray:
    probs = np.array([table[d] for d in (1, 2, 3, 4)], dtype=float)
    probs = probs / probs.sum(axis=1, keepdims=True)
    return probs[decile - 1]


def _points_in_desa(
    geoms: dict, desa_codes: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    lon = np.empty(len(desa_codes))
    lat = np.empty(len(desa_codes))
    order = np.argsort(desa_codes, kind="stable")
    codes_sorted = desa_codes[order]
    bounds = np.flatnonzero(np.r_[True, codes_sorted[1:] != codes_sorted[:-1], True])
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        poly = geoms[codes_sorted[start]]
        inner = poly.buffer(-0.0002)  # keep rounded coordinates inside the boundary
        poly = inner if not inner.is_empty else poly
        need = stop - start
        minx, miny, maxx, maxy = poly.bounds
        got_x: list[np.ndarray] = []
        got_y: list[np.ndarray] = []
        have = 0
        while have < need:
            x = rng.uniform(minx, maxx, need * 3)
            y = rng.uniform(miny, maxy, need * 3)
            inside = shapely.contains_xy(poly, x, y)
            got_x.append(x[inside])
            got_y.append(y[inside])
            have += int(inside.sum())
        idx = order[start:stop]
        lon[idx] = np.concatenate(got_x)[:need]
        lat[idx] = np.concatenate(got_y)[:need]
    return np.round(lon, 5), np.round(lat, 5)


def make_households(
    profile: pd.DataFrame, desa_geoms: dict, scale: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Return the register: one row per family, its desa's poverty setting the mix of deciles."""
    register_share = np.clip(profile["poverty_rate"] * 1.5 + 0.06, 0.08, 0.75)
    raw = profile["households_count"] * register_share
    target = HOUSEHOLDS_AT_SCALE_1 * scale
    per_desa = np.maximum(np.round(raw * target / raw.sum()).astype(int), 3).to_numpy()
    di = np.repeat(np.arange(len(profile)), per_desa)
    n = len(di)
    p = profile.iloc[di].reset_index(drop=True)

    d1_share = np.clip(p["extreme_rate"] / register_share.iloc[di].to_numpy(), 0.03, 0.8).to_numpy()
    rest = (1 - d1_share) / 3
    decile = draw_per_row(
        rng, ["1", "2", "3", "4"], np.column_stack([d1_share, rest * 1.1, rest, rest * 0.9])
    ).astype(int)
    percentile = (decile - 1) * 10 + rng.integers(1, 11, n)

    female_head = rng.random(n) < np.where(decile == 1, 0.24, 0.16)
    age_days = np.clip(rng.normal(47, 13, n), 19, 88) * 365.25
    birth = np.datetime64(date(REGISTER_YEAR, 7, 1)) - age_days.astype("timedelta64[D]")
    members = np.clip(1 + rng.poisson(np.where(decile == 1, 3.4, 2.9)), 1, 12)
    children_u5 = np.minimum(rng.binomial(2, np.where(members >= 3, 0.28, 0.05)), members - 1)
    mothers_children = children_u5 + (children_u5 > 0)

    landscape = p["landscape"].to_numpy()
    occupations = ["PETANI", "NELAYAN", "PEKERJA LEPAS", "PEDAGANG", "WIRASWASTA", "TIDAK/BELUM BEKERJA"]
    occ_probs = np.select(
        [
            landscape[:, None] == "pesisir",
            landscape[:, None] == "dataran_tinggi",
            landscape[:, None] == "lahan_kering",
        ],
        [
            np.array([[0.15, 0.45, 0.15, 0.1, 0.05, 0.1]]),
            np.array([[0.65, 0.0, 0.12, 0.06, 0.05, 0.12]]),
            np.array([[0.55, 0.0, 0.18, 0.07, 0.05, 0.15]]),
        ],
        np.array([[0.45, 0.02, 0.22, 0.12, 0.07, 0.12]]),
    )
    education = [
        "TIDAK/BELUM SEKOLAH",
        "TDK TAMAT SD/SEDERAJAT",
        "TAMAT SD/SEDERAJAT",
        "TAMAT SLTP/SEDERAJAT",
        "TAMAT SLTA/SEDERAJAT",
        "TAMAT PT/AKADEMI",
    ]
    edu_probs = _by_decile(
        decile,
        {
            1: [14, 30, 36, 12, 7, 1],
            2: [9, 24, 38, 16, 11, 2],
            3: [6, 18, 38, 19, 16, 3],
            4: [4, 14, 34, 22, 22, 4],
        },
    )

    status, reason, verified_on = _verification(rng, decile)
    no_power = rng.random(n) > p["electricity_access"].to_numpy() ** np.where(decile == 1, 1.6, 1.0)
    own_toilet = rng.random(n) < p["sanitation_access"].to_numpy() * np.where(decile == 1, 0.75, 0.95)
    excluded = (decile == 1) & (
        rng.random(n) < 0.13
    )  # exclusion error: poorest families missed by every program
    kab = p["kabupaten_code"].to_numpy()
    desa_codes = p["desa_code"].to_numpy()
    lon, lat = _points_in_desa(desa_geoms, desa_codes, rng)
    seq = pd.Series(desa_codes).groupby(desa_codes).cumcount().to_numpy() + 1
    nodot = np.char.replace(desa_codes.astype(str), ".", "")
    household_id = np.char.add(
        np.char.add(np.char.add("P3KE", nodot), "-"), np.char.zfill(seq.astype(str), 5)
    )

    hh = pd.DataFrame(
        {
            "household_id": household_id,
            "desa_code": desa_codes,
            "kecamatan_code": [c[:8] for c in desa_codes],
            "kabupaten_code": kab,
            "lon": lon,
            "lat": lat,
            "updated_year": REGISTER_YEAR,
            "members_count": members,
            "mothers_children_count": mothers_children,
            "head_name": names.person_names(rng, female_head),
            "head_nik": "",
            "head_sex": np.where(female_head, "PEREMPUAN", "LAKI-LAKI"),
            "head_birth_on": birth,
            "head_occupation": draw_per_row(rng, occupations, occ_probs),
            "head_education": draw_per_row(rng, education, edu_probs),
            "welfare_decile": decile,
            "welfare_percentile": percentile,
            "is_extreme_poor": decile == 1,
            "verification_status": status,
            "verification_reason": reason,
            "verified_on": verified_on,
            "home_ownership": draw_per_row(
                rng,
                ["MILIK SENDIRI", "BEBAS SEWA/MENUMPANG", "KONTRAK/SEWA"],
                _by_decile(decile, {1: [78, 18, 4], 2: [82, 13, 5], 3: [85, 9, 6], 4: [86, 7, 7]}),
            ),
            "roof_type": draw_per_row(
                rng,
                ["JERAMI/IJUK/RUMBIA/ DAUN-DAUNAN", "ASBES/SENG", "GENTENG", "BETON"],
                _by_decile(
                    decile, {1: [30, 60, 9, 1], 2: [18, 68, 12, 2], 3: [10, 70, 17, 3], 4: [6, 68, 22, 4]}
                ),
            ),
            "wall_type": draw_per_row(
                rng,
                ["BAMBU", "KAYU/PAPAN", "SENG", "TEMBOK"],
                _by_decile(
                    decile, {1: [38, 35, 5, 22], 2: [25, 35, 5, 35], 3: [16, 32, 4, 48], 4: [10, 28, 4, 58]}
                ),
            ),
            "floor_type": draw_per_row(
                rng,
                ["TANAH", "BAMBU", "KAYU/PAPAN", "SEMEN", "KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO"],
                _by_decile(
                    decile,
                    {
                        1: [42, 6, 10, 38, 4],
                        2: [28, 5, 10, 50, 7],
                        3: [18, 4, 9, 58, 11],
                        4: [11, 3, 8, 62, 16],
                    },
                ),
            ),
            "lighting_source": np.where(
                no_power,
                "BUKAN LISTRIK",
                draw_per_row(
                    rng,
                    ["LISTRIK PLN METERAN", "LISTRIK PLN NON METERAN", "LISTRIK NON-PLN"],
                    np.tile([[0.7, 0.2, 0.1]], (n, 1)),
                ),
            ),
            "cooking_fuel": draw_per_row(
                rng,
                ["ARANG/KAYU", "MINYAK TANAH", "LISTRIK/GAS"],
                _by_decile(decile, {1: [82, 8, 10], 2: [70, 8, 22], 3: [58, 8, 34], 4: [45, 7, 48]}),
            ),
            "water_source": draw_per_row(
                rng,
                [
                    "SUMUR TIDAK TERLINDUNG",
                    "AIR HUJAN",
                    "SUMUR TERLINDUNG",
                    "SUMUR BOR",
                    "LEDENG/PAM",
                    "AIR KEMASAN/ISI ULANG",
                ],
                np.column_stack(
                    [
                        1 - p["water_access"],
                        (1 - p["water_access"]) * 0.4,
                        p["water_access"] * 0.35,
                        p["water_access"] * 0.2,
                        p["water_access"] * 0.3,
                        p["water_access"] * 0.15,
                    ]
                )
                / np.column_stack(
                    [
                        1 - p["water_access"],
                        (1 - p["water_access"]) * 0.4,
                        p["water_access"] * 0.35,
                        p["water_access"] * 0.2,
                        p["water_access"] * 0.3,
                        p["water_access"] * 0.15,
                    ]
                ).sum(1)[:, None],
            ),
            "toilet_facility": np.where(
                own_toilet, "MILIK SENDIRI", np.where(rng.random(n) < 0.45, "UMUM/BERSAMA", "KOSONG")
            ),
            "stunting_risk": np.where(
                children_u5 == 0,
                "BUKAN TARGET SASARAN",
                np.where(
                    rng.random(n) < np.where(decile == 1, 0.55, 0.3),
                    "BERESIKO STUNTING",
                    "TIDAK BERESIKO STUNTING",
                ),
            ),
            "has_disability_member": rng.random(n) < np.where(decile == 1, 0.09, 0.05),
            "receives_pkh": ~excluded
            & (rng.random(n) < _by_decile_col(decile, {1: 0.55, 2: 0.40, 3: 0.25, 4: 0.14})),
            "receives_bpnt": ~excluded
            & (rng.random(n) < _by_decile_col(decile, {1: 0.62, 2: 0.50, 3: 0.35, 4: 0.22})),
            "receives_pbi_jkn": ~excluded
            & (rng.random(n) < _by_decile_col(decile, {1: 0.72, 2: 0.62, 3: 0.50, 4: 0.40})),
            "receives_blt_dd": ~excluded
            & (rng.random(n) < _by_decile_col(decile, {1: 0.22, 2: 0.12, 3: 0.06, 4: 0.03})),
            "receives_kur": ~excluded
            & (rng.random(n) < _by_decile_col(decile, {1: 0.01, 2: 0.03, 3: 0.05, 4: 0.08})),
        }
    )
    hh["head_nik"] = _synthetic_nik(hh, female_head)
    return hh


def _by_decile_col(decile: np.ndarray, probs: dict[int, float]) -> np.ndarray:
    return np.array([probs[d] for d in (1, 2, 3, 4)])[decile - 1]


def _verification(rng: np.random.Generator, decile: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(decile)
    u = rng.random(n)
    valid_p = _by_decile_col(decile, {1: 0.78, 2: 0.55, 3: 0.4, 4: 0.3})
    status = np.where(
        u < valid_p,
        "valid",
        np.where(
            u < valid_p + 0.08,
            "tidak_valid",
            np.where((decile == 1) & (u < valid_p + 0.13), "tambahan_musdes", "belum"),
        ),
    )
    reasons_invalid = np.array(
        ["pindah domisili", "meninggal dunia", "mampu secara ekonomi", "data ganda"], dtype=object
    )
    reason = np.where(
        status == "tidak_valid",
        reasons_invalid[rng.integers(0, 4, n)],
        np.where(status == "tambahan_musdes", "diusulkan musyawarah desa", None),
    )
    start = np.datetime64("2024-08-01")
    verified_on = np.where(
        status == "belum", np.datetime64("NaT"), start + rng.integers(0, 150, n).astype("timedelta64[D]")
    )
    return status, reason, verified_on


def _synthetic_nik(hh: pd.DataFrame, female: np.ndarray) -> np.ndarray:
    """Return 16-digit NIK-shaped numbers: kecamatan digits, birth date (+40 on the day for women), serial."""
    birth = pd.to_datetime(hh["head_birth_on"])
    day = birth.dt.day.to_numpy() + np.where(female, 40, 0)
    ddmmyy = (
        pd.Series(day).astype(str).str.zfill(2)
        + birth.dt.month.astype(str).str.zfill(2).to_numpy()
        + (birth.dt.year % 100).astype(str).str.zfill(2).to_numpy()
    )
    region6 = hh["kecamatan_code"].str.replace(".", "", regex=False).to_numpy()
    stem = pd.Series(region6) + ddmmyy
    serial = stem.groupby(stem).cumcount().to_numpy() + 1
    return (stem + pd.Series(serial).astype(str).str.zfill(4)).to_numpy()
