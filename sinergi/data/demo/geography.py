"""A fictional island province: nested region polygons, terrain, places and distances.

Regions are nested Voronoi tessellations: kabupaten cells tile the island, kecamatan cells tile each kabupaten, desa
cells tile each kecamatan. Kecamatan and kabupaten are then re-formed as unions of their desa, so every level nests
exactly and tiles its parent without gaps or overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from sinergi.common import geo
from sinergi.data.demo import names

ISLAND_CENTER = (127.3, -6.9)  # open Banda Sea: no real land under the demo
ISLAND_SEMI_AXES_DEG = (1.15, 0.42)
ISLAND_ROTATION_DEG = 12.0


@dataclass
class Geography:
    regions: pd.DataFrame  # one row per region, all levels, with a shapely `geometry` column
    places: pd.DataFrame
    distances: pd.DataFrame
    island: Polygon


def _island(rng: np.random.Generator) -> Polygon:
    theta = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    phases = rng.uniform(0, 2 * np.pi, size=4)
    wobble = (
        1
        + 0.07 * np.sin(3 * theta + phases[0])
        + 0.05 * np.sin(7 * theta + phases[1])
        + 0.025 * np.sin(13 * theta + phases[2])
        + 0.012 * np.sin(29 * theta + phases[3])
    )
    a, b = ISLAND_SEMI_AXES_DEG
    x, y = a * np.cos(theta) * wobble, b * np.sin(theta) * wobble
    rot = np.radians(ISLAND_ROTATION_DEG)
    xr = x * np.cos(rot) - y * np.sin(rot) + ISLAND_CENTER[0]
    yr = x * np.sin(rot) + y * np.cos(rot) + ISLAND_CENTER[1]
    return Polygon(np.column_stack([xr, yr])).buffer(0)


def _points_in(poly, count: int, rng: np.random.Generator) -> np.ndarray:
    minx, miny, maxx, maxy = poly.bounds
    found: list[np.ndarray] = []
    total = 0
    while total < count:
        cand = rng.uniform((minx, miny), (maxx, maxy), size=(count * 4, 2))
        keep = cand[shapely.contains_xy(poly, cand[:, 0], cand[:, 1])]
        found.append(keep)
        total += len(keep)
    return np.concatenate(found)[:count]


def _voronoi(poly, seeds: np.ndarray, relax: int = 3) -> list:
    """Tessellate poly around seeds, with Lloyd relaxation for even cells; return the clipped cells in seed order."""
    for step in range(relax + 1):
        cells_gc = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=poly, ordered=True)
        cells = [geo.polygonal(shapely.intersection(c, poly)) for c in cells_gc.geoms]
        if step == relax:
            return cells
        cx, cy = geo.centroids(np.array(cells, dtype=object))
        seeds = np.column_stack([cx, cy])
    raise AssertionError("unreachable")


def _split(poly, count: int, rng: np.random.Generator, seeds: np.ndarray | None = None) -> list:
    if seeds is None:
        seeds = _points_in(poly, count, rng)
    return [c for c in _voronoi(poly, seeds) if not c.is_empty]


def _kabupaten_seeds(rng: np.random.Generator, count: int) -> np.ndarray:
    a, b = ISLAND_SEMI_AXES_DEG
    xs = np.linspace(-0.85 * a, 0.85 * a, count) + rng.normal(0, 0.04, count)
    ys = rng.normal(0, 0.12 * b, count)
    rot = np.radians(ISLAND_ROTATION_DEG)
    return np.column_stack(
        [
            xs * np.cos(rot) - ys * np.sin(rot) + ISLAND_CENTER[0],
            xs * np.sin(rot) + ys * np.cos(rot) + ISLAND_CENTER[1],
        ]
    )


def _terrain(island: Polygon, lon: np.ndarray, lat: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Return elevation (a central ridge, rising with distance from the sea) and a dryness index (east, south)."""
    coast = island.exterior
    dist_coast_deg = shapely.distance(shapely.points(lon, lat), coast)
    ridge = (dist_coast_deg / dist_coast_deg.max()) ** 1.7
    bumps = 0.15 * np.sin(lon * 9.0 + rng.uniform(0, 6)) * np.cos(lat * 11.0 + rng.uniform(0, 6))
    elevation = np.clip(2100 * ridge * (1 + bumps) + rng.normal(0, 60, len(lon)), 2, None)
    a = ISLAND_SEMI_AXES_DEG[0]
    east = (lon - ISLAND_CENTER[0]) / a  # -1 west .. +1 east
    south = -(lat - ISLAND_CENTER[1]) / ISLAND_SEMI_AXES_DEG[1]
    dryness = 0.5 + 0.32 * east + 0.12 * south + rng.normal(0, 0.08, len(lon))
    return pd.DataFrame({"elevation_m": elevation, "dryness": dryness, "coast_km": dist_coast_deg * 111.0})


def build_geography(rng: np.random.Generator, kabupaten_count: int = 6) -> Geography:
    """Return the nested regions, places and desa distances of the demo province."""
    island = _island(rng)
    kab_cells = _split(island, kabupaten_count, rng, _kabupaten_seeds(rng, kabupaten_count))
    desa_rows = []
    for k, kab_poly in enumerate(kab_cells, start=1):
        kec_cells = _split(kab_poly, int(rng.integers(10, 15)), rng)
        kec_cents = np.array([c.centroid.x for c in kec_cells])
        for j, kec_idx in enumerate(np.argsort(kec_cents), start=1):  # number kecamatan west to east
            kec_poly = kec_cells[kec_idx]
            for desa_poly in _split(kec_poly, int(rng.integers(7, 14)), rng):
                desa_rows.append({"kab_no": k, "kec_no": j, "geometry": desa_poly})
    desa = pd.DataFrame(desa_rows)
    geoms = desa["geometry"].to_numpy()
    desa["centroid_lon"], desa["centroid_lat"] = geo.centroids(geoms)
    terrain = _terrain(island, desa["centroid_lon"].to_numpy(), desa["centroid_lat"].to_numpy(), rng)
    desa = pd.concat([desa, terrain], axis=1)
    desa["is_coastal"] = shapely.intersects(geoms, island.exterior.buffer(0.002))
    desa["landscape"] = np.select(
        [desa["is_coastal"], desa["elevation_m"] >= 700, desa["dryness"] >= 0.58],
        ["pesisir", "dataran_tinggi", "lahan_kering"],
        "dataran_rendah",
    )
    desa = _assign_codes_and_names(desa, rng)
    regions = _build_levels(desa, rng)
    places = _build_places(regions, rng)
    distances = _build_distances(regions, places)
    return Geography(regions=regions, places=places, distances=distances, island=island)


def _assign_codes_and_names(desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Number desa within each kecamatan; desa near each kabupaten capital become kelurahan (codes 1xxx)."""
    desa = desa.sort_values(["kab_no", "kec_no", "centroid_lon"]).reset_index(drop=True)
    desa["is_capital"] = False
    desa["region_type"] = "desa"
    for _, kab in desa.groupby("kab_no"):
        coastal = kab[kab["is_coastal"]]
        pool = coastal if len(coastal) else kab
        mid_lon, mid_lat = kab["centroid_lon"].mean(), kab["centroid_lat"].mean()
        capital = (np.hypot(pool["centroid_lon"] - mid_lon, pool["centroid_lat"] - mid_lat)).idxmin()
        desa.loc[capital, "is_capital"] = True
        same_kec = kab[kab["kec_no"] == desa.loc[capital, "kec_no"]]
        d = np.hypot(
            same_kec["centroid_lon"] - desa.loc[capital, "centroid_lon"],
            same_kec["centroid_lat"] - desa.loc[capital, "centroid_lat"],
        )
        desa.loc[d.nsmallest(5).index, "region_type"] = "kelurahan"
    codes, region_names = [], []
    for (kab_no, kec_no), grp in desa.groupby(["kab_no", "kec_no"], sort=False):
        taken: set[str] = set()
        n_kel, n_desa = 0, 0
        for idx, row in grp.iterrows():
            if row["region_type"] == "kelurahan":
                n_kel += 1
                serial = 1000 + n_kel
            else:
                n_desa += 1
                serial = 2000 + n_desa
            codes.append((idx, f"{names.PROVINCE_CODE}.{kab_no:02d}.{kec_no:02d}.{serial}"))
            region_names.append((idx, names.desa_name(rng, row["landscape"], taken)))
    desa["region_code"] = pd.Series(dict(codes))
    desa["name"] = pd.Series(dict(region_names))
    desa["kecamatan_code"] = desa["region_code"].str[:8]
    desa["kabupaten_code"] = desa["region_code"].str[:5]
    return desa


def _build_levels(desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    desa = desa.assign(level="desa", parent_code=desa["kecamatan_code"])
    kec = desa.groupby("kecamatan_code").agg(
        geometry=("geometry", lambda g: shapely.union_all(list(g))),
        kabupaten_code=("kabupaten_code", "first"),
    )
    kec = kec.reset_index().rename(columns={"kecamatan_code": "region_code"})
    kec_names: list[str] = []
    for _, grp in kec.groupby("kabupaten_code"):
        kec_names += names.kecamatan_names(rng, len(grp))
    kec = kec.assign(
        level="kecamatan",
        region_type="kecamatan",
        name=kec_names,
        parent_code=kec["kabupaten_code"],
        kecamatan_code=kec["region_code"],
    )
    kab = desa.groupby("kabupaten_code").agg(geometry=("geometry", lambda g: shapely.union_all(list(g))))
    kab = kab.reset_index().rename(columns={"kabupaten_code": "region_code"})
    kab = kab.assign(
        level="kabupaten",
        region_type="kabupaten",
        name=names.KABUPATEN_NAMES[: len(kab)],
        parent_code=names.PROVINCE_CODE,
        kabupaten_code=kab["region_code"],
        kecamatan_code=None,
    )
    prov = pd.DataFrame(
        {
            "region_code": [names.PROVINCE_CODE],
            "level": ["provinsi"],
            "region_type": ["provinsi"],
            "name": [names.PROVINCE_NAME],
            "parent_code": [None],
            "kabupaten_code": [None],
            "kecamatan_code": [None],
            "geometry": [shapely.union_all(list(kab["geometry"]))],
        }
    )
    regions = pd.concat([prov, kab, kec, desa], ignore_index=True)
    geoms = regions["geometry"].to_numpy()
    lon, lat = geo.centroids(geoms)
    regions["centroid_lon"] = np.where(regions["level"] == "desa", regions["centroid_lon"], lon)
    regions["centroid_lat"] = np.where(regions["level"] == "desa", regions["centroid_lat"], lat)
    regions["area_km2"] = geo.area_km2(geoms)
    regions["region_code_nodot"] = regions["region_code"].str.replace(".", "", regex=False)
    return regions


def _place_rows(regions: pd.DataFrame, rng: np.random.Generator) -> list[dict]:
    desa = regions[regions["level"] == "desa"].astype({"is_capital": bool, "is_coastal": bool})
    kec_names = regions.set_index("region_code")["name"]
    rows: list[dict] = []

    def add(kind: str, name: str, d: pd.Series) -> None:
        jitter = rng.normal(0, 0.004, 2)
        point = shapely.Point(d["centroid_lon"] + jitter[0], d["centroid_lat"] + jitter[1])
        if not d["geometry"].contains(point):
            point = shapely.Point(d["centroid_lon"], d["centroid_lat"])
        rows.append(
            {"place_type": kind, "name": name, "desa_code": d["region_code"], "lon": point.x, "lat": point.y}
        )

    for kab_code, kab in desa.groupby("kabupaten_code"):
        kab_name = regions.loc[regions["region_code"] == kab_code, "name"].iloc[0]
        capital = kab[kab["is_capital"]].iloc[0]
        add("kota", f"Kota {kab_name}", capital)
        add("pelabuhan", f"Pelabuhan {kab_name}", capital)
        add("rumah_sakit", f"RSUD {kab_name}", capital)
        coastal = kab[kab["is_coastal"] & ~kab["is_capital"]]
        for _, d in coastal.sample(min(len(coastal), int(rng.integers(1, 3))), random_state=rng).iterrows():
            add("pelabuhan", f"Pelabuhan Rakyat {d['name']}", d)
        for kec_code, kec in kab.groupby("kecamatan_code"):
            centre = kec.loc[
                np.hypot(
                    kec["centroid_lon"] - kec["centroid_lon"].mean(),
                    kec["centroid_lat"] - kec["centroid_lat"].mean(),
                ).idxmin()
            ]
            add("pasar", f"Pasar {kec_names[kec_code]}", centre)
            add("puskesmas", f"Puskesmas {kec_names[kec_code]}", centre)
            if len(kec) >= 11:
                far = kec.loc[
                    np.hypot(
                        kec["centroid_lon"] - centre["centroid_lon"],
                        kec["centroid_lat"] - centre["centroid_lat"],
                    )
                    .nlargest(1)
                    .index[0]
                ]
                add("puskesmas", f"Puskesmas {far['name']}", far)
        towns = kab[~kab["is_capital"]].nlargest(1, "area_km2")
        for _, d in towns.iterrows():
            add("kota", f"Kota {d['name']}", d)
    return rows


def _build_places(regions: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    places = pd.DataFrame(_place_rows(regions, rng))
    prefix = {"pelabuhan": "PLB", "pasar": "PSR", "kota": "KOT", "puskesmas": "PKM", "rumah_sakit": "RS"}
    places["place_id"] = places.groupby("place_type").cumcount().add(1).astype(str).str.zfill(3)
    places["place_id"] = places["place_type"].map(prefix) + "-" + places["place_id"]
    return places[["place_id", "place_type", "name", "desa_code", "lon", "lat"]]


def _build_distances(regions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    desa = regions[regions["level"] == "desa"]
    out = pd.DataFrame({"desa_code": desa["region_code"].to_numpy()})
    lon, lat = desa["centroid_lon"].to_numpy(), desa["centroid_lat"].to_numpy()
    for kind, col in [
        ("pelabuhan", "port"),
        ("pasar", "market"),
        ("kota", "city"),
        ("puskesmas", "puskesmas"),
        ("rumah_sakit", "hospital"),
    ]:
        target = places[places["place_type"] == kind]
        idx, dist = geo.nearest(lon, lat, target["lon"].to_numpy(), target["lat"].to_numpy())
        out[f"{col}_km"] = np.round(dist, 2)
        out[f"{col}_id"] = target["place_id"].to_numpy()[idx]
    return out
