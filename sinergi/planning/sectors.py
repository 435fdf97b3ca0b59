"""Sector potential: which columns rank each sector's rows, and per-item totals for the charts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sinergi.common.i18n import catalogue, translate


@dataclass(frozen=True)
class SectorView:
    query: str  # queries/<query>.sql, one row per desa and item
    item: str  # the item column (commodity, source, product); desa for kesehatan
    score: str  # the column that ranks locations
    totals: tuple[str, ...]  # columns summed per item for the totals chart
    columns: tuple[str, ...]  # the table's columns after desa and kecamatan names


SECTOR_VIEWS: dict[str, SectorView] = {
    "pangan": SectorView(
        "food_commodities",
        "commodity",
        "potential_score",
        ("production_ton", "land_ha"),
        ("commodity", "commodity_group", "production_ton", "land_ha", "potential_score"),
    ),
    "energi": SectorView(
        "energy_sources",
        "energy_source",
        "ease_score",
        ("potential_kw",),
        ("energy_source", "potential_kw", "ease_score", "households_without_electricity_count"),
    ),
    "kesehatan": SectorView(
        "health_conditions",
        "desa_name",
        "need_score",
        ("stunting_rate_pct", "puskesmas_km"),
        (
            "need_score",
            "stunting_rate_pct",
            "maternal_deaths_count",
            "infant_deaths_count",
            "jkn_coverage_pct",
            "clean_water_access_pct",
            "sanitation_access_pct",
            "puskesmas_km",
            "hospital_km",
        ),
    ),
    "umkm": SectorView(
        "umkm_products",
        "product",
        "marketing_potential_score",
        ("producers_count", "producers_extreme_poor_count"),
        (
            "product",
            "producers_count",
            "producers_extreme_poor_count",
            "raw_material",
            "raw_material_need_ton_year",
            "monthly_output_units",
            "marketing_potential_score",
            "market_km",
            "port_km",
            "city_km",
        ),
    ),
}


def top_locations(rows: pd.DataFrame, sector: str, n: int = 15) -> pd.DataFrame:
    """Return the n desa with the highest score, one row each (its best item), best first."""
    view = SECTOR_VIEWS[sector]
    best = rows.sort_values([view.score, "desa_code"], ascending=[False, True]).drop_duplicates("desa_code")
    return best.head(n).reset_index(drop=True)


def item_totals(rows: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Return per item the summed total columns (kesehatan: per desa, the values themselves), largest first."""
    view = SECTOR_VIEWS[sector]
    if sector == "kesehatan":
        return rows[["desa_name", *view.totals]].sort_values(view.totals[0], ascending=False).head(20)
    totals = rows.groupby(view.item, as_index=False)[list(view.totals)].sum()
    return totals.sort_values(view.totals[0], ascending=False).reset_index(drop=True)


_ITEM_OR_SCORE = {
    "commodity": "peta.col.item",
    "energy_source": "peta.col.item",
    "product": "peta.col.item",
    "potential_score": "peta.col.score",
    "need_score": "peta.col.score",
    "marketing_potential_score": "peta.col.score",
    "desa_code": "col.region_code",
    "desa_name": "peta.col.desa",
    "kecamatan_name": "peta.col.kecamatan",
}


def column_labels(columns: list[str], lang: str) -> dict[str, str]:
    """Return the localised header of each table column (potensi.col.*, potensi.axis.* or a shared label)."""
    known = catalogue()
    labels = {}
    for column in columns:
        key = _ITEM_OR_SCORE.get(column) or next(
            k for k in (f"potensi.col.{column}", f"potensi.axis.{column}") if k in known
        )
        labels[column] = translate(key, lang)
    return labels
