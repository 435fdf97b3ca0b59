"""Where a deck opens and how it is sent: the view fitted to the polygons shown, the basemap, the layer-id suffix of
a selection, and a deck written as compact JSON."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from functools import lru_cache

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

MAP_WIDTH_PX, MAP_HEIGHT_PX = 700, 560  # the map column on a 1366-pixel screen


class CompactDeck(pdk.Deck):
    """A pydeck Deck sent as compact JSON. pydeck writes its spec indented by 2 with the pure-Python encoder: for a
    province map about a third of the bytes were indentation and most of the page's own CPU time went to writing
    them. Same keys, order (sorted) and values; no whitespace."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def basemap_style_url() -> str | None:
    """Return the MapLibre style URL configured in $SINERGI_MAP_STYLE (an intranet tile server), else None."""
    return os.environ.get("SINERGI_MAP_STYLE") or None


def fit_view(lons: Iterable[float], lats: Iterable[float], margin_zoom: float = 0.3) -> pdk.ViewState:
    """Return a view centred on the bounds of the coordinates with a zoom that fits them in the map box."""
    lons, lats = list(lons), list(lats)
    if not lons:
        return pdk.ViewState(latitude=0, longitude=120, zoom=4)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_span = max(east - west, 0.01)
    lat_span = max(north - south, 0.01)
    zoom_x = math.log2(MAP_WIDTH_PX * 360 / (lon_span * 512))
    zoom_y = math.log2(MAP_HEIGHT_PX * 360 / (lat_span * 512))
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(min(zoom_x, zoom_y) - margin_zoom, 2),
    )


def selection_suffix(focus: str | None, place: str | None) -> str:
    """Return what the pickable layers' ids end with once a desa or place is open ("" before).

    Streamlit keeps a map click as a selection of (layer id, row) and fades every other row of every layer to 40 %
    while it lasts, so after one click the choropleth no longer matched its legend. The page reads the click at
    once (the desa or place is then outlined); new ids make the map component drop the old selection."""
    return "" if focus is None and place is None else f"@{focus or ''}/{place or ''}"


@lru_cache(maxsize=16_384)
def parsed_geometry(geojson: str) -> dict:
    """Return a GeoJSON geometry parsed once per process (read-only: the maps share it across reruns).

    A province view parses ~4,000 desa outlines (simplified, ~1 KB parsed each) on every rerun otherwise."""
    return json.loads(geojson)  # type: ignore[no-any-return]


@lru_cache(maxsize=16_384)
def outer_extent(geojson: str) -> tuple[float, float, float, float] | None:
    """Return (west, east, south, north) of a geometry's exterior rings, None when it has none."""
    geometry = parsed_geometry(geojson)
    if geometry["type"] == "Polygon":
        rings = [geometry["coordinates"][0]]
    elif geometry["type"] == "MultiPolygon":
        rings = [polygon[0] for polygon in geometry["coordinates"]]
    else:
        return None
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    return (min(lons), max(lons), min(lats), max(lats)) if lons else None


def extent_bounds(geojsons: Iterable[str]) -> tuple[list[float], list[float]]:
    """Return longitudes and latitudes whose bounds are those of the geometries' exterior rings (for fit_view)."""
    extents = [e for e in map(outer_extent, geojsons) if e is not None]
    return [x for e in extents for x in e[:2]], [y for e in extents for y in e[2:]]


def polygon_bounds(rows: list[dict]) -> tuple[list[float], list[float]]:
    lons, lats = [], []
    for row in rows:
        for lon, lat in row["polygon"][0]:
            lons.append(lon)
            lats.append(lat)
    return lons, lats
