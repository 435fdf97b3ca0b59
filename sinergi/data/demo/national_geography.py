"""A fictional archipelago of 38 provinces in the shape of Indonesia: 514 kabupaten/kota, ~7,200 kecamatan, ~84,000 desa.

Every province is an island in the open Indian Ocean south-west of Java (no real land under it), and its codes come
from two-digit province codes Kemendagri does not use, so no synthetic region can be taken for a real one. Within a
kabupaten, desa are one Voronoi tessellation (vectorised); kecamatan are k-means clusters of desa; kecamatan and
kabupaten geometries are unions of their desa, so every level nests and tiles its parent exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from sinergi.common import geo
from sinergi.data.demo import geography, names

# Two-digit codes unused by Kemendagri (real provinces use 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-96).
PROVINCE_CODES = tuple(
    f"{c:02d}" for c in (*range(37, 51), *range(54, 61), *range(66, 71), *range(77, 81), *range(83, 91))
)
KABUPATEN_TOTAL = 514
KOTA_SHARE = 0.19  # 98 of 514 are kota in Indonesia
GRID = (8, 5)  # columns x rows of island slots
GRID_ORIGIN = (86.0, -14.0)  # north-west corner: open Indian Ocean, far from any coast
CELL_DEG = (3.0, 3.5)
MAX_SEMI_AXES_DEG = (1.35, 0.95)
_PROVINCE_PREFIX = ("Nusa", "Kepulauan", "Tanah", "Pulau", "Teluk", "Selat")


def province_sizes(rng: np.random.Generator) -> np.ndarray:
    """Return the kabupaten count of each of the 38 provinces: 5 to 38, summing to 514 (largest remainder)."""
    raw = rng.gamma(2.2, 1.0, len(PROVINCE_CODES)) + 0.6
    share = raw / raw.sum() * KABUPATEN_TOTAL
    sizes = np.clip(np.floor(share).astype(int), 5, 38)
    while sizes.sum() != KABUPATEN_TOTAL:
        room = np.where(sizes.sum() < KABUPATEN_TOTAL, sizes < 38, sizes > 5)
        gap = (share - sizes) * np.sign(KABUPATEN_TOTAL - sizes.sum())
        i = int(np.argmax(np.where(room, gap, -np.inf)))
        sizes[i] += int(np.sign(KABUPATEN_TOTAL - sizes.sum()))
    return sizes


def _island(center: tuple[float, float], axes: tuple[float, float], rng: np.random.Generator) -> Polygon:
    theta = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    ph = rng.uniform(0, 2 * np.pi, 3)
    wobble = (
        1
        + 0.08 * np.sin(3 * theta + ph[0])
        + 0.05 * np.sin(7 * theta + ph[1])
        + 0.02 * np.sin(17 * theta + ph[2])
    )
    x, y = axes[0] * np.cos(theta) * wobble, axes[1] * np.sin(theta) * wobble
    rot = rng.uniform(-0.5, 0.5)
    xr = x * np.cos(rot) - y * np.sin(rot) + center[0]
    yr = x * np.sin(rot) + y * np.cos(rot) + center[1]
    return Polygon(np.column_stack([xr, yr])).buffer(0)


def _cells(poly, seeds: np.ndarray, relax: int) -> np.ndarray:
    """Return the Voronoi cells of seeds clipped to poly (vectorised), after `relax` Lloyd steps, in seed order."""
    shapely.prepare(poly)
    for step in range(relax + 1):
        diagram = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=poly, ordered=True)
        cells = shapely.intersection(np.asarray(diagram.geoms), poly)
        odd = shapely.get_type_id(cells) != 3  # not a Polygon: keep only the polygonal part
        cells[odd] = [geo.polygonal(c) for c in cells[odd]]
        if step == relax:
            return cells
        cx, cy = geo.centroids(cells)
        seeds = np.column_stack([cx, cy])
    raise AssertionError("unreachable")


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, steps: int = 8) -> np.ndarray:
    centres = points[rng.choice(len(points), k, replace=False)]
    for _ in range(steps):
        label = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(-1).argmin(1)
        for j in range(k):
            if (label == j).any():
                centres[j] = points[label == j].mean(0)
    return label


def _kabupaten_desa(kab_poly, kota: bool, rng: np.random.Generator) -> pd.DataFrame:
    """Return the desa cells of one kabupaten with their kecamatan number (1.., west to east); a kota is smaller."""
    n_kec = int(rng.integers(4, 9) if kota else rng.integers(9, 24))
    n_desa = int(rng.integers(5, 12, n_kec).sum() if kota else rng.integers(6, 19, n_kec).sum())
    seeds = geography._points_in(kab_poly, n_desa, rng)
    cells = _cells(kab_poly, seeds, relax=2)
    keep = ~shapely.is_empty(cells)
    cells = cells[keep]
    cx, cy = geo.centroids(cells)
    label = _kmeans(np.column_stack([cx, cy * 1.0]), min(n_kec, len(cells)), rng)
    order = pd.Series(cx).groupby(label).mean().rank(method="first").astype(int)
    return pd.DataFrame(
        {"kec_no": order.reindex(label).to_numpy(), "geometry": cells, "centroid_lon": cx, "centroid_lat": cy}
    )


def _province_names(rng: np.random.Generator) -> list[str]:
    pool = [f"{p} {w}" for p in _PROVINCE_PREFIX for w in names._KECAMATAN_WORDS]
    return [pool[i] for i in rng.choice(len(pool), len(PROVINCE_CODES), replace=False)]


def _kabupaten_names(rng: np.random.Generator, count: int) -> list[str]:
    prefixes = names._PREFIX_COASTAL + names._PREFIX_UPLAND + names._PREFIX_DRY + names._PREFIX_LOW
    pool = [f"{p} {s}" for p in prefixes for s in names._SUFFIX]
    return [pool[i] for i in rng.choice(len(pool), count, replace=False)]


def _province_desa(
    code: str, island: Polygon, n_kab: int, kab_names: list[str], rng: np.random.Generator
) -> pd.DataFrame:
    """Return every desa of one province with kabupaten/kecamatan numbers, terrain and landscape."""
    kab_cells = [
        c for c in geography._voronoi(island, geography._points_in(island, n_kab, rng)) if not c.is_empty
    ]
    n_kota = int(round(len(kab_cells) * KOTA_SHARE * rng.uniform(0.5, 1.5)))
    is_kota = np.zeros(len(kab_cells), dtype=bool)
    is_kota[rng.choice(len(kab_cells), min(n_kota, len(kab_cells) - 1), replace=False)] = True
    kab_nos = np.where(is_kota, 70 + np.cumsum(is_kota), np.cumsum(~is_kota))
    frames = []
    for poly, kab_no, kota, kab_name in zip(kab_cells, kab_nos, is_kota, kab_names, strict=False):
        d = _kabupaten_desa(poly, bool(kota), rng)
        frames.append(d.assign(kab_no=int(kab_no), is_kota=bool(kota), kab_name=kab_name))
    desa = pd.concat(frames, ignore_index=True)
    geoms = desa["geometry"].to_numpy()
    coast = island.exterior
    dist = shapely.distance(shapely.points(desa["centroid_lon"], desa["centroid_lat"]), coast)
    ridge = (dist / dist.max()) ** 1.7
    desa["elevation_m"] = np.clip(
        2300 * ridge * rng.uniform(0.6, 1.2) + rng.normal(0, 60, len(desa)), 2, None
    )
    dry_base = rng.uniform(0.25, 0.75)  # some provinces are savanna, some rain forest
    desa["dryness"] = (
        dry_base + 0.2 * (desa["centroid_lon"] - island.centroid.x) + rng.normal(0, 0.08, len(desa))
    )
    desa["is_coastal"] = shapely.intersects(geoms, coast.buffer(0.002))
    desa["landscape"] = np.select(
        [desa["is_coastal"], desa["elevation_m"] >= 700, desa["dryness"] >= 0.58],
        ["pesisir", "dataran_tinggi", "lahan_kering"],
        "dataran_rendah",
    )
    desa["province_code"] = code
    return desa


def _codes_and_names(desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Give desa Kemendagri-shaped codes (kelurahan 1xxx, desa 2xxx) and names; kota desa are all kelurahan."""
    desa = desa.sort_values(["province_code", "kab_no", "kec_no", "centroid_lon"]).reset_index(drop=True)
    desa["kabupaten_code"] = desa["province_code"] + "." + desa["kab_no"].map("{:02d}".format)
    desa["kecamatan_code"] = desa["kabupaten_code"] + "." + desa["kec_no"].map("{:02d}".format)
    # the capital: the coastal desa nearest the kabupaten's middle; its 5 nearest neighbours in its kecamatan are kelurahan
    g = desa.groupby("kabupaten_code")
    mid_lon, mid_lat = g["centroid_lon"].transform("mean"), g["centroid_lat"].transform("mean")
    dist = np.hypot(desa["centroid_lon"] - mid_lon, desa["centroid_lat"] - mid_lat) + np.where(
        desa["is_coastal"], 0, 10
    )
    desa["is_capital"] = desa.index.isin(dist.groupby(desa["kabupaten_code"]).idxmin())
    cap = desa[desa["is_capital"]].set_index("kabupaten_code")
    same_kec = (
        desa["kecamatan_code"].to_numpy() == cap.loc[desa["kabupaten_code"], "kecamatan_code"].to_numpy()
    )
    d_cap = np.hypot(
        desa["centroid_lon"].to_numpy() - cap.loc[desa["kabupaten_code"], "centroid_lon"].to_numpy(),
        desa["centroid_lat"].to_numpy() - cap.loc[desa["kabupaten_code"], "centroid_lat"].to_numpy(),
    )
    near_rank = (
        pd.Series(np.where(same_kec, d_cap, np.inf)).groupby(desa["kabupaten_code"]).rank(method="first")
    )
    kelurahan = desa["is_kota"].to_numpy() | (same_kec & (near_rank.to_numpy() <= 5))
    desa["region_type"] = np.where(kelurahan, "kelurahan", "desa")
    serial = desa.groupby(["kecamatan_code", "region_type"]).cumcount().to_numpy() + 1
    desa["region_code"] = (
        desa["kecamatan_code"] + "." + pd.Series(np.where(kelurahan, 1000, 2000) + serial).astype(str)
    )
    taken: dict[str, set[str]] = {}
    desa["name"] = [
        names.desa_name(rng, land, taken.setdefault(kec, set()))
        for land, kec in zip(desa["landscape"], desa["kecamatan_code"], strict=True)
    ]
    return desa.sort_values("region_code").reset_index(drop=True)


def _union_by(desa: pd.DataFrame, key: str) -> pd.DataFrame:
    groups = desa.groupby(key, sort=True)["geometry"]
    return pd.DataFrame(
        {"region_code": list(groups.groups), "geometry": [shapely.union_all(g.to_numpy()) for _, g in groups]}
    )


def _levels(desa: pd.DataFrame, prov_names: dict[str, str], rng: np.random.Generator) -> pd.DataFrame:
    desa = desa.assign(level="desa", parent_code=desa["kecamatan_code"])
    kec = _union_by(desa, "kecamatan_code")
    kec["kabupaten_code"] = kec["region_code"].str[:5]
    kec["name"] = np.concatenate(
        [names.kecamatan_names(rng, len(g)) for _, g in kec.groupby("kabupaten_code")]
    )
    kec = kec.assign(
        level="kecamatan",
        region_type="kecamatan",
        parent_code=kec["kabupaten_code"],
        kecamatan_code=kec["region_code"],
    )
    kab = _union_by(desa, "kabupaten_code")
    first = desa.groupby("kabupaten_code")[["kab_name", "is_kota"]].first()
    kab = kab.assign(
        level="kabupaten",
        region_type=np.where(first["is_kota"].to_numpy(), "kota", "kabupaten"),
        name=first["kab_name"].to_numpy(),
        parent_code=kab["region_code"].str[:2],
        kabupaten_code=kab["region_code"],
        kecamatan_code=None,
    )
    prov = _union_by(desa, "province_code").assign(
        level="provinsi", region_type="provinsi", parent_code=None, kabupaten_code=None, kecamatan_code=None
    )
    prov["name"] = prov["region_code"].map(prov_names)
    regions = pd.concat([prov, kab, kec, desa], ignore_index=True)
    geoms = regions["geometry"].to_numpy()
    lon, lat = geo.centroids(geoms)
    is_desa = regions["level"] == "desa"
    regions["centroid_lon"] = np.where(is_desa, regions["centroid_lon"], lon)
    regions["centroid_lat"] = np.where(is_desa, regions["centroid_lat"], lat)
    regions["area_km2"] = geo.area_km2(geoms)
    regions["region_code_nodot"] = regions["region_code"].str.replace(".", "", regex=False)
    return regions.sort_values("region_code", kind="stable").reset_index(drop=True)


def build_national_geography(rng: np.random.Generator) -> geography.Geography:
    """Return the nested regions, places and desa distances of the national-shape demo."""
    sizes = province_sizes(rng)
    slots = rng.permutation(GRID[0] * GRID[1])[: len(PROVINCE_CODES)]
    kab_names = iter(_kabupaten_names(rng, KABUPATEN_TOTAL))
    prov_names = dict(zip(PROVINCE_CODES, _province_names(rng), strict=True))
    frames, islands = [], []
    for code, n_kab, slot in zip(PROVINCE_CODES, sizes, slots, strict=True):
        col, row = divmod(int(slot), GRID[1])
        centre = (GRID_ORIGIN[0] + (col + 0.5) * CELL_DEG[0], GRID_ORIGIN[1] - (row + 0.5) * CELL_DEG[1])
        scale = np.sqrt(n_kab / 38)
        island = _island(centre, (MAX_SEMI_AXES_DEG[0] * scale, MAX_SEMI_AXES_DEG[1] * scale), rng)
        islands.append(island)
        frames.append(_province_desa(code, island, int(n_kab), [next(kab_names) for _ in range(n_kab)], rng))
    desa = _codes_and_names(pd.concat(frames, ignore_index=True), rng)
    regions = _levels(desa, prov_names, rng)
    places = geography._build_places(regions, rng)
    distances = pd.concat(
        [
            geography._build_distances(
                regions[regions["region_code"].str[:2] == code], places[places["desa_code"].str[:2] == code]
            )
            for code in PROVINCE_CODES
        ],
        ignore_index=True,
    )
    return geography.Geography(
        regions=regions, places=places, distances=distances, island=shapely.MultiPolygon(islands)
    )
