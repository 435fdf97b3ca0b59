"""Target-location score: a transparent weighted sum of normalised components, covered locations ranked lower.

For each candidate desa i and component c the value x[i, c] is min-max normalised over the candidates,

    n[i, c] = (x[i, c] - min_c) / (max_c - min_c)        (0 when all candidates are equal),

with the accessibility and coverage components turned round so that 1 is always "more reason to target":

    miskin      = n(extreme-poor households)
    porsi       = n(extreme-poor share of households)
    potensi     = n(the sector's potential or need score; "semua": mean of the four sector scores)
    akses       = 1 - n(mean distance to port, market and city, km)
    belum       = 1 - coverage_pct / 100  (coverage: 100 for an active MoA target, else share of verified targets
                  reached by collaboration or CSR interventions)

    score[i] = 100 * sum_c w_c * n[i, c] / sum_c w_c

For roles without by-name access every component is computed from the values as the table shows them (docs/privacy.md,
rule 8): counts rounded to 5 (a "<5" as 2.5), shares rounded to 5 points. From the true counts, a score shown to one
decimal solves back for each desa's count (with one weight non-zero, n = min + score x (max - min) / 100).

A higher weight never lowers the rank of the location best on that component: the score difference between it and
any other location grows (or stays) with the weight, and dividing by the weight sum does not reorder.
"""

from __future__ import annotations

import pandas as pd

from sinergi.common.suppressed import shown_number

COMPONENTS = ("miskin", "porsi", "potensi", "akses", "belum")
DEFAULT_WEIGHTS = {"miskin": 3.0, "porsi": 2.0, "potensi": 2.0, "akses": 1.0, "belum": 2.0}
SECTOR_SCORE_COLUMNS = {
    "pangan": "food_potential_score",
    "energi": "energy_ease_score",
    "kesehatan": "health_need_score",
    "umkm": "umkm_marketing_score",
}
_FORMULA = (
    r"\text{{{score}}}_i = 100 \cdot \frac{{w_m\,n(\text{{{poor}}}_i) + w_p\,n(\text{{{share}}}_i)"
    r" + w_s\,n(\text{{{potential}}}_i) + w_a\,(1 - n(\text{{{distance}}}_i)) + w_c\,(1 - \text{{{coverage}}}_i)}}"
    r"{{w_m + w_p + w_s + w_a + w_c}}"
)
_FORMULA_WORDS = {
    "id": {"score": "skor", "poor": "miskin", "share": "porsi", "potential": "potensi", "distance": "jarak",
           "coverage": "cakupan"},
    "en": {"score": "score", "poor": "poor", "share": "share", "potential": "potential", "distance": "distance",
           "coverage": "coverage"},
}  # fmt: skip


def formula_latex(lang: str) -> str:
    """Return the score formula in LaTeX with its words in lang."""
    return _FORMULA.format(**_FORMULA_WORDS[lang])


def normalise(values: pd.Series) -> pd.Series:
    """Return (x - min) / (max - min); 0 everywhere when all values are equal; missing values count as the minimum."""
    # a protected count scores by its value as shown (rule 8): the score then reveals nothing the table does not
    x = pd.to_numeric(values.map(shown_number), errors="coerce").astype(float)
    low, high = x.min(), x.max()
    if pd.isna(low) or high == low:
        return pd.Series(0.0, index=values.index)
    return ((x - low) / (high - low)).fillna(0.0)


def sector_potential(df: pd.DataFrame, sector: str) -> pd.Series:
    """Return the sector's potential or need score per location (0-100); 'semua' averages the four."""
    if sector == "semua":
        return df[list(SECTOR_SCORE_COLUMNS.values())].mean(axis=1)
    return df[SECTOR_SCORE_COLUMNS[sector]]


def coverage(df: pd.DataFrame) -> pd.Series:
    """Return the coverage in percent (0-100): 100 for an active MoA target (a fact the table shows, whatever a
    withheld share reads), else the share as the viewer sees it; missing counts as 0."""
    share = pd.to_numeric(df["coverage_pct"], errors="coerce").astype(float).fillna(0.0).clip(0, 100)
    if "is_active_moa_target" in df:
        share = share.mask(df["is_active_moa_target"].fillna(False).astype(bool), 100.0)
    return share


def components(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Return the normalised components (0-1) per location, indexed like df."""
    distance = df[["port_km", "market_km", "city_km"]].mean(axis=1)
    return pd.DataFrame(
        {
            "miskin": normalise(df["extreme_poor_households_count"]),
            "porsi": normalise(df["extreme_poor_share_pct"]),
            "potensi": normalise(sector_potential(df, sector)),
            "akses": 1.0 - normalise(distance),
            "belum": 1.0 - coverage(df) / 100.0,
        },
        index=df.index,
    )


def score_locations(df: pd.DataFrame, weights: dict[str, float], sector: str = "semua") -> pd.DataFrame:
    """Return df with the components, mean distance, score (0-100) and rank (1 = first), sorted by rank."""
    unknown = set(weights) - set(COMPONENTS)
    if unknown:
        raise ValueError(f"unknown weights {sorted(unknown)}")
    w = {c: float(weights.get(c, 0.0)) for c in COMPONENTS}
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    parts = components(df, sector)
    total = sum(w.values())
    out = df.copy()
    for c in COMPONENTS:
        out[f"n_{c}"] = parts[c]
    out["sector_potential_score"] = sector_potential(df, sector)
    out["mean_access_km"] = df[["port_km", "market_km", "city_km"]].mean(axis=1)
    # Rounded so that floating-point noise never breaks a tie between otherwise equal locations.
    out["score"] = (100.0 * sum(w[c] * parts[c] for c in COMPONENTS) / total).round(9)
    out["rank"] = out["score"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rank", "desa_code"]).reset_index(drop=True)
