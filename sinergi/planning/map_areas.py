"""The map of a large region drawn by area: kecamatan of a province (or kabupaten of a country) instead of desa.

A province of several thousand desa would send several MB of polygons and tooltips per view (about 1 kB per desa);
its kecamatan carry the same indicators (queries/location_indicators_by_area.sql) in a few hundred kB, and a click on
one opens it, with its desa, one level down.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

from sinergi.common.fmt import fmt_number
from sinergi.common.i18n import translate

# Above this many desa a province is drawn by kecamatan: about 1 kB of deck JSON per desa keeps a desa map of the
# province under 2 MB (the demo province has 652 desa and stays a desa map).
DESA_MAP_LIMIT = 2000
# Places shown by default on a map drawn by area: a province's hundreds of puskesmas and markets would cover the
# kecamatan a reviewer clicks; towns and ports are the landmarks at that scale (the others stay one click away).
AREA_PLACES = ("kota", "pelabuhan")
# Area outlines simplified to about 200 m: finer than a pixel at the zoom a province opens at.
AREA_TOLERANCE_DEG = 0.002


def area_level(region_level: str, desa_count: int) -> str | None:
    """Return the level the map draws a region by ("kabupaten" for a country, "kecamatan" for a large province), or
    None when it draws desa."""
    if region_level == "nasional":
        return "kabupaten"
    if region_level == "provinsi" and desa_count > DESA_MAP_LIMIT:
        return "kecamatan"
    return None


# Outlines do not change between runs: simplified once per process (a province's few hundred kecamatan took about a
# third of the page's own time on every rerun). Callers must not modify the lists returned.
@lru_cache(maxsize=8192)
def simplified_polygons(geojson: str) -> list[list]:
    """Return an area's outline as polygons (exterior rings), simplified and rounded to 4 decimals (about 10 m)."""
    geometry = shapely.simplify(shapely.from_geojson(geojson), AREA_TOLERANCE_DEG, preserve_topology=True)
    rings = [
        np.round(shapely.get_coordinates(shapely.get_exterior_ring(part)), 4).tolist()
        for part in shapely.get_parts(geometry)
    ]
    return [[ring] for ring in rings if len(ring) >= 4]


def area_tooltip(area: tuple, indicator_line: str, lang: str) -> dict[str, str]:
    """Return the tooltip lines of an area row (queries/location_indicators_by_area.sql): the area, the region it
    lies in, the indicator, and that a click opens it with its desa."""
    level = area.area_level
    return {
        "title": translate(f"peta.tooltip.area.{level}", lang, name=area.name),
        "line1": translate(f"peta.tooltip.parent.{level}", lang, name=area.parent_name),
        "line2": indicator_line,
        "line3": translate("peta.tooltip.open_area", lang, desa=fmt_number(area.desa_count, lang)),
    }
