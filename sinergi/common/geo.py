"""Geometry helpers shared by the demo generator and the boundary importer."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_KM = 6371.0088
EQUAL_AREA_CRS = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global, equal-area
MAP_SIMPLIFY_TOLERANCE_DEG = 0.0015  # about 150 m: invisible at kabupaten zoom, keeps a kabupaten under 2 MB


def haversine_km(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Return great-circle distances in km; arguments broadcast."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(a, dtype=float)) for a in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    distance: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return distance


def nearest(
    from_lon: np.ndarray, from_lat: np.ndarray, to_lon: np.ndarray, to_lat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return (index of the nearest target, distance km) for each origin point."""
    dist = haversine_km(from_lon[:, None], from_lat[:, None], to_lon[None, :], to_lat[None, :])
    idx = dist.argmin(axis=1)
    return idx, dist[np.arange(len(idx)), idx]


def area_km2(geoms: list[BaseGeometry] | np.ndarray) -> np.ndarray:
    """Return the area of WGS84 geometries in km2, measured in an equal-area projection."""
    series = gpd.GeoSeries(list(geoms), crs="EPSG:4326").to_crs(EQUAL_AREA_CRS)
    area: np.ndarray = series.area.to_numpy() / 1e6
    return area


def centroids(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (lon, lat) of each geometry's centroid, or a point on its surface when the centroid falls outside."""
    cents = shapely.centroid(geoms)
    inside = shapely.contains(geoms, cents)
    cents = np.where(inside, cents, shapely.point_on_surface(geoms))
    return shapely.get_x(cents), shapely.get_y(cents)


def simplified_geojson(geom: BaseGeometry, tolerance: float = MAP_SIMPLIFY_TOLERANCE_DEG) -> str:
    """Return the geometry simplified for maps as compact GeoJSON text (coordinates rounded to ~1 m)."""
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    if simple.is_empty:
        simple = geom
    mapping = json.loads(shapely.to_geojson(simple))
    return json.dumps(_round_coords(mapping), separators=(",", ":"))


def _round_coords(obj: object) -> object:
    if isinstance(obj, float):
        return round(obj, 5)
    if isinstance(obj, list):
        return [_round_coords(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round_coords(v) for k, v in obj.items()}
    return obj


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Return only the polygonal part of a geometry (drops lines and points left by overlay operations)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
