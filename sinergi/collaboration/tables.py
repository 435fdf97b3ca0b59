"""Collaboration tables: contribution matrix, who-works-where matrix, filters."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sinergi.common.vocabulary import CONTRIBUTION_KINDS, SECTORS


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (100.0 * part / whole.where(whole != 0)).astype(float)


def contribution_matrix(contributions: pd.DataFrame) -> pd.DataFrame:
    """Return one row per party x kind of contribution: pledged and realised Rupiah and the realised share."""
    columns = ["partner_id", "partner_name", "contribution_kind"]
    if contributions.empty:
        return pd.DataFrame(columns=[*columns, "pledged_value_rp", "realised_value_rp", "realised_pct"])
    matrix = contributions.groupby(columns, as_index=False)[["pledged_value_rp", "realised_value_rp"]].sum()
    matrix["realised_pct"] = _pct(matrix["realised_value_rp"], matrix["pledged_value_rp"])
    order = {k: i for i, k in enumerate(CONTRIBUTION_KINDS)}
    return matrix.sort_values(
        ["partner_id", "contribution_kind"],
        key=lambda s: s.map(order) if s.name == "contribution_kind" else s,
    ).reset_index(drop=True)


def area_sector_matrix(actors: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Return areas (rows keyed by region_code: kecamatan names repeat across kabupaten) x sectors (columns):
    partners at work. Label the rows with `area_labels(areas)`."""
    counts = actors.pivot_table(
        index="area_code", columns="sector_code", values="actors_count", aggfunc="sum", fill_value=0
    )
    counts = counts.reindex(index=areas["region_code"], columns=list(SECTORS), fill_value=0).fillna(0)
    return counts.astype(int)


def area_labels(areas: pd.DataFrame, parents: dict[str, str] | None = None) -> dict[str, str]:
    """Return {region_code: label}: the name, with its parent's name (or code) where two areas share a name."""
    repeated = set(areas.loc[areas["name"].duplicated(keep=False), "name"])
    labels = {}
    for code, name in zip(areas["region_code"], areas["name"], strict=True):
        parent = (parents or {}).get(code.rsplit(".", 1)[0], code.rsplit(".", 1)[0])
        labels[code] = f"{name} ({parent})" if name in repeated else name
    return labels


AREA_COLUMNS = {"desa": "desa_code", "kecamatan": "kecamatan_code", "kabupaten": "kabupaten_code"}


def matrix_level(region_level: str) -> str:
    """Return the level of the matrix rows for a region: kabupaten for a province (or the nation; a province has
    hundreds of kecamatan), kecamatan for a kabupaten, desa for a kecamatan or desa (actors_by_area_sector)."""
    return {"kabupaten": "kecamatan", "kecamatan": "desa", "desa": "desa"}.get(region_level, "kabupaten")


def gap_count_matrix(gaps: pd.DataFrame, areas: pd.DataFrame, level: str) -> pd.DataFrame:
    """Return areas (keyed by region_code) x sectors: how many gap desa (high need, no one at work) each cell holds;
    level is the areas' level (desa, kecamatan or kabupaten)."""
    area = AREA_COLUMNS[level]
    counts = gaps.groupby([area, "sector_code"]).size().unstack(fill_value=0) if len(gaps) else pd.DataFrame()
    counts = counts.reindex(index=areas["region_code"], columns=list(SECTORS), fill_value=0).fillna(0)
    return counts.astype(int)


def matrix_areas(needs: pd.DataFrame, level: str, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the areas (region_code, name) of the matrix rows: the desa, kecamatan or kabupaten of the need table
    (kabupaten names from `names`, code -> name: the need table names desa and kecamatan only)."""
    if level == "kabupaten":
        codes = sorted(needs["kabupaten_code"].unique())
        return pd.DataFrame({"region_code": codes, "name": [(names or {}).get(c, c) for c in codes]})
    cols = [AREA_COLUMNS[level], f"{level}_name"]
    areas = needs[cols].drop_duplicates().sort_values(cols[0])
    return areas.set_axis(["region_code", "name"], axis=1).reset_index(drop=True)


def partner_moas(parties: pd.DataFrame, moas: pd.DataFrame, partner_id: str) -> pd.DataFrame:
    """Return the MoAs a partner is party to, with its role, newest first."""
    mine = parties.loc[parties["partner_id"] == partner_id, ["moa_id", "party_role"]]
    columns = ["moa_id", "moa_number", "title", "status", "started_on", "ended_on", "sector_codes"]
    joined = mine.merge(moas[columns], on="moa_id", how="inner")
    return joined.sort_values("started_on", ascending=False, ignore_index=True)


def _has_any(codes: pd.Series, wanted: Iterable[str]) -> pd.Series:
    wanted = set(wanted)
    return codes.fillna("").map(lambda text: bool(wanted & set(text.split(","))))


def filter_partners(
    partners: pd.DataFrame, types: Iterable[str], sectors: Iterable[str], kinds: Iterable[str]
) -> pd.DataFrame:
    """Return the partners of the chosen types with capacity in any chosen sector and kind (empty choice = all)."""
    types, sectors, kinds = list(types), list(sectors), list(kinds)
    keep = pd.Series(True, index=partners.index)
    if types:
        keep &= partners["partner_type"].isin(types)
    if sectors:
        keep &= _has_any(partners["sector_codes"], sectors)
    if kinds:
        keep &= _has_any(partners["contribution_kinds"], kinds)
    return partners[keep].reset_index(drop=True)


def filter_history(
    history: pd.DataFrame,
    sectors: Iterable[str],
    kecamatan: Iterable[str],
    years: tuple[int, int],
    results: Iterable[str],
) -> pd.DataFrame:
    """Return agency programs in the chosen sectors, kecamatan, year range and results (empty choice = all)."""
    sectors, kecamatan, results = list(sectors), list(kecamatan), list(results)
    keep = history["year"].between(years[0], years[1])
    if sectors:
        keep &= history["sector_code"].isin(sectors)
    if kecamatan:
        keep &= history["kecamatan_code"].isin(kecamatan)
    if results:
        keep &= history["result"].isin(results)
    return history[keep].reset_index(drop=True)
