"""Identity and key fields of a P3KE family export: the only ones whose bad values are errors (family ID, desa code,
NIK shape, decile, coordinates), plus the birth date and duplicate rules. Vectorised over the whole file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from lokal import PROVINCES

from sinergi.common.nik import mask_niks
from sinergi.data.importers import reading
from sinergi.data.importers.report import ERROR, WARNING, Report

# Indonesia's extent with a margin (Miangas to Rote, Sabang to Merauke): a household outside it is a typo
LON_RANGE, LAT_RANGE = (94.0, 142.0), (-12.0, 7.0)


def flag(
    report: Report,
    mask: object,
    rows: np.ndarray,
    column: str,
    values: pd.Series,
    message: str,
    severity: str = ERROR,
    nik: bool = False,
) -> None:
    """Report message for every row where mask is true, showing the row's value (NIKs masked)."""
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        shown = values[mask]
        # reports are downloaded and shared: never the full NIK (UU 27/2022)
        report.add_rows(
            message, severity, rows[mask], column, (mask_niks(shown) if nik else shown).to_numpy()
        )


def desa_codes(raw: pd.Series, rows: np.ndarray, column: str, known: pd.Index, report: Report) -> pd.Series:
    """Return dotted desa codes from 10 digits with or without dots; bad or unknown codes are errors."""
    code = raw.str.replace(r"[\s.]", "", regex=True)
    bad = ~code.str.fullmatch(r"\d{10}")
    flag(report, bad, rows, column, raw, report.t("impor.p3ke.code_shape"))
    dotted = code.str[0:2] + "." + code.str[2:4] + "." + code.str[4:6] + "." + code.str[6:10]
    flag(report, ~bad & ~dotted.isin(known), rows, column, raw, report.t("impor.p3ke.code_unknown"))
    return dotted


def deciles(
    raw: pd.Series, pct_raw: pd.Series, rows: np.ndarray, columns: tuple[str, str], report: Report
) -> tuple[pd.Series, pd.Series]:
    """Return (decile, percentile): a decile outside 1-4 is an error; a percentile outside its decile's range is
    a warning and becomes the decile's upper percentile."""
    decile = reading.to_int(raw)
    flag(
        report,
        decile.isna() | ~decile.isin([1, 2, 3, 4]),
        rows,
        columns[0],
        raw,
        report.t("impor.p3ke.decile"),
    )
    pct = reading.to_int(pct_raw)
    odd = pct.isna() | (pct < (decile - 1) * 10 + 1) | (pct > decile * 10)
    flag(report, odd.fillna(True) & decile.isin([1, 2, 3, 4]), rows, columns[1], pct_raw,
         report.t("impor.p3ke.percentile"), WARNING)  # fmt: skip
    return decile, pct.where(~odd.fillna(True), decile * 10)


def nik(raw: pd.Series, rows: np.ndarray, column: str, provinces: set[str], report: Report) -> pd.Series:
    """Return NIKs as 16 digits: another shape is an error, an implausible structure a warning."""
    value = raw.str.replace(r"[\s.'-]", "", regex=True)
    bad = ~value.str.fullmatch(r"\d{16}")
    flag(report, bad, rows, column, raw, report.t("impor.p3ke.nik_shape"), nik=True)
    # the structure lokal.is_valid_nik checks, vectorised: province, regency/district not 00, birth date, serial
    day = pd.to_numeric(value.str[6:8], errors="coerce")
    day = day.where(day <= 40, day - 40)
    month = pd.to_numeric(value.str[8:10], errors="coerce")
    structure = (
        value.str[:2].isin(set(PROVINCES) | provinces)
        & (value.str[2:4] != "00")
        & (value.str[4:6] != "00")
        & day.between(1, 31)
        & month.between(1, 12)
        & (value.str[12:] != "0000")
    )
    flag(
        report, ~bad & ~structure, rows, column, raw, report.t("impor.p3ke.nik_structure"), WARNING, nik=True
    )
    return value


def birth_dates(raw: pd.Series, niks: pd.Series, rows: np.ndarray, column: str, report: Report) -> pd.Series:
    """Return birth dates; a blank or invalid one is taken from the NIK (a warning), an error only when neither
    gives a date."""
    born = reading.parse_dates(raw)
    day = pd.to_numeric(niks.str[6:8], errors="coerce")
    day = day.where(day <= 40, day - 40)  # women: day + 40
    yy = pd.to_numeric(niks.str[10:12], errors="coerce")
    this_year = pd.Timestamp.now().year
    year = (2000 + yy).where(2000 + yy <= this_year - 15, 1900 + yy)  # a family head is at least 15
    text = (
        year.astype("Int64").astype("string")
        + "-"
        + niks.str[8:10]
        + "-"
        + day.astype("Int64").astype("string").str.zfill(2)
    )
    from_nik = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    missing = born.isna()
    flag(
        report, missing & from_nik.notna(), rows, column, raw, report.t("impor.p3ke.birth_from_nik"), WARNING
    )
    flag(report, missing & from_nik.isna(), rows, column, raw, report.t("impor.p3ke.birth_invalid"))
    return born.fillna(from_nik)


def coordinates(raw: pd.DataFrame, cols: dict[str, str], rows: np.ndarray, desa: pd.Series, known: pd.DataFrame,
                report: Report) -> tuple[pd.Series, pd.Series]:  # fmt: skip
    """Return (lon, lat): given coordinates are checked (a number inside Indonesia: error otherwise; outside the
    desa outline: warning); rows without them stand at their desa's representative point."""
    centre = known.reindex(desa)
    if "lon" not in cols or "lat" not in cols:
        # P3KE exports carry no coordinates: households stand at their desa's representative point
        return (
            pd.Series(centre["centroid_lon"].to_numpy(), index=raw.index),
            pd.Series(centre["centroid_lat"].to_numpy(), index=raw.index),
        )
    text_lon, text_lat = raw[cols["lon"]].str.strip(), raw[cols["lat"]].str.strip()
    lon = pd.to_numeric(text_lon.str.replace(",", "."), errors="coerce")
    lat = pd.to_numeric(text_lat.str.replace(",", "."), errors="coerce")
    blank = (text_lon == "") & (text_lat == "")
    shown = text_lon + ", " + text_lat
    inside = lon.between(*LON_RANGE) & lat.between(*LAT_RANGE)
    swapped = lat.between(*LON_RANGE) & lon.between(*LAT_RANGE)
    flag(report, ~blank & ~inside & swapped, rows, cols["lon"], shown, report.t("impor.p3ke.coords_swapped"))
    flag(report, ~blank & ~inside & ~swapped, rows, cols["lon"], shown, report.t("impor.p3ke.coords_invalid"))
    given = ~blank & inside
    out_lon = lon.where(given, centre["centroid_lon"].to_numpy())
    out_lat = lat.where(given, centre["centroid_lat"].to_numpy())
    outside = pd.Series(False, index=raw.index)
    checkable = pd.DataFrame({"desa": desa, "lon": out_lon, "lat": out_lat})[given & desa.isin(known.index)]
    for code, idx in checkable.groupby("desa").groups.items():
        poly = shapely.from_wkb(known.at[code, "geometry_wkb"])
        outside.loc[idx] = ~shapely.contains_xy(poly, out_lon[idx].to_numpy(), out_lat[idx].to_numpy())
    flag(report, outside, rows, cols["lon"], shown, report.t("impor.p3ke.coords_outside_desa"), WARNING)
    return out_lon, out_lat


def duplicates(raw: pd.DataFrame, hid: pd.Series, niks: pd.Series, rows: np.ndarray, cols: dict[str, str],
               report: Report) -> pd.Series:  # fmt: skip
    """Return the rows to keep: an ID twice with identical rows keeps the first (warning), with different content
    it is an error; a NIK shared by two families is a warning."""
    dup = hid.duplicated(keep=False) & (hid != "")
    same = pd.Series(False, index=raw.index)
    if dup.any():  # whole-row comparison only among rows whose ID repeats (hashing every row costs seconds)
        same[dup] = raw[dup].duplicated(keep="first")
    column = cols["household_id"]
    flag(
        report,
        dup & ~same & hid.duplicated(keep="first"),
        rows,
        column,
        hid,
        report.t("impor.p3ke.id_conflict"),
    )
    flag(report, same & dup, rows, column, hid, report.t("impor.p3ke.id_repeated"), WARNING)
    nik_dup = niks.duplicated(keep="first") & ~same
    flag(
        report, nik_dup, rows, cols["head_nik"], niks, report.t("impor.p3ke.nik_repeated"), WARNING, nik=True
    )
    return ~(same & dup)
