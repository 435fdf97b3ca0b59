"""The allow-list of map indicators and sectors: which column of location_indicators each one reads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sinergi.common import vocabulary

SECTORS = ("semua", *vocabulary.SECTORS)  # "semua": every sector at once
KINDS = ("count", "pct", "score")  # how a value is formatted: the unit its column's name ends with


@dataclass(frozen=True)
class Indicator:
    key: str  # catalogue suffix: peta.indicator.<key>
    column: str  # column of queries/location_indicators.sql, named with its unit (_count, _pct, _score)
    sector: str  # semua for the cross-sector indicators

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.column}: a map indicator's column ends with its unit, one of {KINDS}")

    @property
    def kind(self) -> str:
        """Return count, pct or score: the unit the column's name ends with (units live in column names)."""
        return self.column.rsplit("_", 1)[-1]


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("extreme_poor", "extreme_poor_households_count", "semua"),
        Indicator("extreme_poor_share", "extreme_poor_share_pct", "semua"),
        Indicator("verified_targets", "verified_targets_count", "semua"),
        Indicator("reached_share", "verified_targets_reached_pct", "semua"),
        Indicator("food_potential", "food_potential_score", "pangan"),
        Indicator("no_electricity", "households_without_electricity_count", "energi"),
        Indicator("energy_ease", "energy_ease_score", "energi"),
        Indicator("health_need", "health_need_score", "kesehatan"),
        Indicator("stunting", "stunting_rate_pct", "kesehatan"),
        Indicator("umkm_marketing", "umkm_marketing_score", "umkm"),
        Indicator("umkm_poor_producers", "umkm_producers_extreme_poor_count", "umkm"),
        # Only for the map of the target-location shortlist, never offered in the indicator selector.
        Indicator("target_score", "score", "sasaran"),
    )
}

# Columns of location_indicators counted from P3KE households: in a region with no household data at all (boundaries
# imported, no P3KE yet) they are unknown, not 0, and the map draws them as "Tidak ada data" (walk1 item 6).
HOUSEHOLD_COLUMNS = (
    "all_households_count",
    "extreme_poor_households_count",
    "extreme_poor_share_pct",
    "verified_targets_count",
    "verified_targets_reached_count",
    "verified_targets_reached_pct",
    "households_without_electricity_count",
    "umkm_producers_extreme_poor_count",
)


def without_household_data(locations: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of location_indicators rows with every household-counted column blank (no data, not zero)."""
    out = locations.copy()
    for column in HOUSEHOLD_COLUMNS:
        if column in out.columns:
            out[column] = None
    return out


# The sector's own indicators come first so that switching sector shows that sector's map at once.
_CROSS_SECTOR = [k for k, i in INDICATORS.items() if i.sector == "semua"]


def indicators_for(sector: str) -> list[str]:
    """Return the indicator keys offered for a sector, the sector's own first."""
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if sector == "semua":
        return list(_CROSS_SECTOR)
    own = [k for k, i in INDICATORS.items() if i.sector == sector]
    return own + _CROSS_SECTOR


# Place types on the map: a colour (Okabe-Ito, distinct from the sequential ramp) and a one-letter glyph so that the
# layers stay apart in print and for colour-blind readers.
PLACE_STYLES: dict[str, tuple[list[int], str]] = {
    "pelabuhan": ([0, 114, 178], "P"),
    "pasar": ([230, 159, 0], "M"),
    "kota": ([0, 0, 0], "K"),
    "puskesmas": ([204, 121, 167], "+"),
    "rumah_sakit": ([213, 94, 0], "H"),
}
# Which point layers are on by default for each sector.
SECTOR_PLACES: dict[str, tuple[str, ...]] = {
    "semua": ("pelabuhan", "pasar", "kota", "puskesmas"),
    "pangan": ("pasar", "pelabuhan", "kota"),
    "energi": ("kota",),
    "kesehatan": ("puskesmas", "rumah_sakit"),
    "umkm": ("pasar", "pelabuhan", "kota"),
}
