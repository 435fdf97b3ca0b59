"""Geometry that cannot be right: coordinates that are not lon/lat degrees (errors), and, as warnings that block
unless accepted, a region outside Indonesia, outside its province's extent, far outside its parent's outline, or
moving an existing outline's centre far. Each finding names the code, the file and the feature's row in its file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import shapely

from sinergi.common import geo

INDONESIA = (94.0, -12.0, 142.0, 7.0)  # min lon, min lat, max lon, max lat (Sabang-Merauke, Miangas-Rote)
PROVINCE_MARGIN_DEG = 0.75  # the extents are coarse: about 80 km of slack before a region counts as misplaced
PARENT_TOLERANCE_KM = 5.0  # real levels are simplified separately: desa stick out of kecamatan by far less
MOVE_LIMIT_KM = 10.0  # a revised outline moves its centre by a few hundred metres, a wrong one by far more
KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Finding:
    mask: np.ndarray  # the features concerned
    key: str  # catalogue key of the message
    severity: str  # 'error' or 'warning'
    values: np.ndarray  # the value shown per feature
    params: dict[str, object]


@cache
def province_extents() -> dict[str, tuple[str, float, float, float, float]]:
    """Return {province code: (name, min lon, min lat, max lon, max lat)} from province_extents.csv."""
    with resources.files("sinergi.data.importers").joinpath("province_extents.csv").open("rb") as fh:
        table = pd.read_csv(fh, comment="#", dtype={"code": str})
    return {
        r.code: (r.name, r.min_lon, r.min_lat, r.max_lon, r.max_lat) for r in table.itertuples(index=False)
    }


def _within(bounds: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    return (
        (bounds[:, 0] >= box[0])
        & (bounds[:, 1] >= box[1])
        & (bounds[:, 2] <= box[2])
        & (bounds[:, 3] <= box[3])
    )


def coordinates(geoms: np.ndarray, codes: pd.Series) -> list[Finding]:
    """Return findings on coordinates: beyond ±180/±90 is an error, outside Indonesia a warning; both with a hint
    when swapping longitude and latitude puts the region in Indonesia."""
    bounds = shapely.bounds(geoms)
    swapped = bounds[:, [1, 0, 3, 2]]
    world = _within(bounds, (-180.0, -90.0, 180.0, 90.0))
    indonesia = _within(bounds, INDONESIA)
    fixes = _within(swapped, INDONESIA)
    shown = np.asarray(
        [f"{c} ({x:.2f}, {y:.2f})" for c, x, y in zip(codes, bounds[:, 0], bounds[:, 1], strict=True)],
        dtype=object,
    )
    return [
        Finding(~world & fixes, "impor.geo.swapped", "error", shown, {}),
        Finding(~world & ~fixes, "impor.geo.not_degrees", "error", shown, {}),
        Finding(world & ~indonesia & fixes, "impor.geo.outside_indonesia_swapped", "warning", shown, {}),
        Finding(world & ~indonesia & ~fixes, "impor.geo.outside_indonesia", "warning", shown, {}),
    ]


def placement(
    geoms: np.ndarray,
    codes: pd.Series,
    parents: dict[str, object],
    existing: pd.DataFrame,
) -> list[Finding]:
    """Return warnings for regions far from where their code says they are.

    parents: {code: geometry} of parent outlines (from this import or the database); existing: region_code,
    centroid_lon, centroid_lat of the regions already in the database that this import replaces.
    """
    points = shapely.point_on_surface(geoms)
    px, py = shapely.get_x(points), shapely.get_y(points)
    findings = []
    extents = province_extents()
    province = codes.str[:2].to_numpy()
    off = np.zeros(len(codes))
    for i, (prov, x, y) in enumerate(zip(province, px, py, strict=True)):
        if prov in extents:
            _, x0, y0, x1, y1 = extents[prov]
            dx = max(x0 - PROVINCE_MARGIN_DEG - x, 0.0, x - x1 - PROVINCE_MARGIN_DEG)
            dy = max(y0 - PROVINCE_MARGIN_DEG - y, 0.0, y - y1 - PROVINCE_MARGIN_DEG)
            off[i] = np.hypot(dx, dy) * KM_PER_DEGREE
    values = np.asarray([f"{c} → {extents.get(p, ('',))[0]}" for c, p in zip(codes, province, strict=True)])
    findings.append(Finding(off > 0, "impor.geo.outside_province", "warning", values, {}))

    parent_code = codes.str.rsplit(".", n=1).str[0]
    # a kabupaten is checked against its province's extent above: a province outline may be partial (dissolved
    # from the kabupaten imported so far)
    checked = (codes.str.len() > 5).to_numpy() & parent_code.isin(parents).to_numpy()
    far = np.zeros(len(codes))
    for i in map(int, np.flatnonzero(checked)):
        far[i] = shapely.distance(parents[parent_code.iloc[i]], points[i]) * KM_PER_DEGREE
    values = np.asarray([f"{c} ({d:.0f} km)" for c, d in zip(codes, far, strict=True)], dtype=object)
    findings.append(Finding(far > PARENT_TOLERANCE_KM, "impor.geo.outside_parent", "warning", values,
                            {"limit": PARENT_TOLERANCE_KM}))  # fmt: skip

    old = existing.set_index("region_code").reindex(codes)
    lon, lat = geo.centroids(geoms)
    moved = geo.haversine_km(old["centroid_lon"].to_numpy(), old["centroid_lat"].to_numpy(), lon, lat)
    moved = np.nan_to_num(moved, nan=0.0)
    values = np.asarray([f"{c} ({d:.0f} km)" for c, d in zip(codes, moved, strict=True)], dtype=object)
    findings.append(
        Finding(moved > MOVE_LIMIT_KM, "impor.geo.moved", "warning", values, {"limit": MOVE_LIMIT_KM})
    )
    return findings
