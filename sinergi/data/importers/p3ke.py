"""P3KE register exports (family level) into the household table: columns by name, vectorised validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from lokal import PROVINCES

from sinergi.data.importers import reading
from sinergi.data.importers.core import Prepared
from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.report import ERROR, WARNING, Report
from sinergi.data.importers.writer import file_sha256, read_current, replace_rows

# field -> the names it has had across export versions (first match wins; compared by reading.norm_name)
ALIASES: dict[str, tuple[str, ...]] = {
    "household_id": ("ID Keluarga P3KE", "ID Keluarga", "IDKeluarga", "id_keluarga_p3ke"),
    "updated_year": ("Dimuktakhirkan Tahun", "Dimutakhirkan Tahun", "Tahun Pemutakhiran"),
    "kode": ("Kode Kemdagri", "Kode Kemendagri", "Kode Wilayah", "Kode Desa", "kode_kemdagri"),
    "welfare_decile": ("Desil Kesejahteraan", "Desil"),
    "welfare_percentile": ("Persentil", "Persentil Kesejahteraan"),
    "head_nik": ("NIK Kepala Keluarga", "NIK KK", "NIK"),
    "head_name": ("Nama Kepala Keluarga", "Nama KK", "Nama"),
    "head_sex": ("Jenis Kelamin Kepala Keluarga", "Jenis Kelamin"),
    "head_birth_on": ("Tanggal Lahir Kepala Keluarga", "Tanggal Lahir"),
    "head_occupation": ("Pekerjaan Kepala Keluarga", "Pekerjaan"),
    "head_education": ("Pendidikan Kepala Keluarga", "Pendidikan"),
    "home_ownership": ("Kepemilikan Rumah",),
    "roof_type": ("Jenis Atap",),
    "wall_type": ("Jenis Dinding",),
    "floor_type": ("Jenis Lantai",),
    "lighting_source": ("Sumber Penerangan",),
    "cooking_fuel": ("Bahan Bakar Memasak",),
    "water_source": ("Sumber Air Minum",),
    "toilet_facility": ("Memiliki fasilitas Buang Air Besar", "Fasilitas BAB"),
    "stunting_risk": ("Resiko Stunting", "Risiko Stunting"),
    "receives_pkh": ("Penerima PKH",),
    "receives_bpnt": ("Penerima BPNT",),
    "receives_sembako": ("Penerima SEMBAKO",),
    "receives_kur": ("Penerima KUR",),
    "members_count": ("Jumlah Anggota Keluarga", "Jumlah Anggota", "Jumlah ART"),
    "lon": ("Longitude", "Bujur", "lng", "lon"),
    "lat": ("Latitude", "Lintang", "lat"),
}
REQUIRED = ("household_id", "kode", "welfare_decile", "head_nik", "head_name", "head_sex", "head_birth_on")
CODED = {
    "head_sex": "gender",
    "head_occupation": "job",
    "head_education": "education",
    "home_ownership": "home_ownership",
    "roof_type": "home_roof",
    "wall_type": "home_wall",
    "floor_type": "home_floor",
    "lighting_source": "home_electricity",
    "cooking_fuel": "home_cooking",
    "water_source": "home_water",
    "toilet_facility": "home_toilet_ownership",
    "stunting_risk": "stunting_risk",
}
KNOWN = {reading.norm_name(a) for names in ALIASES.values() for a in names}
YES = {"YA", "Y", "1", "TRUE", "BENAR"}


def _key(series: pd.Series) -> pd.Series:
    # spaces around '/' differ between export versions ("JERAMI/IJUK/RUMBIA/ DAUN-DAUNAN")
    codes, uniques = pd.factorize(reading.norm_values(series))
    clean = pd.Series(uniques, dtype="string").str.replace(r"\s*/\s*", "/", regex=True).to_numpy()
    return pd.Series(clean[codes] if len(uniques) else [], index=series.index, dtype="string")


def prepare(
    name: str, data: bytes, path: Path | None = None, progress: Callable[[float, str], None] | None = None
) -> Prepared:
    """Read and validate a P3KE family export; return what would be written and the problem report."""
    say = progress or (lambda fraction, step: None)
    report = Report(name)
    prepared = Prepared("p3ke", name, file_sha256(data), report, rows_read=0)
    try:
        sheet = reading.read_sheets(name, data, KNOWN)[0]
    except reading.ReadError as exc:
        report.add(str(exc))
        return prepared
    report.sheet = sheet.sheet
    raw = sheet.frame
    prepared.rows_read = len(raw)
    say(0.3, "berkas terbaca")
    cols = reading.match_columns(list(raw.columns), ALIASES)
    if _looks_like_sdgs(sheet, raw):
        report.add(
            "Ini templat Sensus SDGs Desa 2021 (Kemendesa, judul 3 baris), bukan ekspor P3KE: jenis berkas ini belum "
            "dapat diimpor. Gunakan ekspor P3KE tingkat keluarga.",
            sheet=sheet.sheet,
        )
        return prepared
    if "ID Individu" in raw.columns or reading.norm_name("ID Individu") in map(
        reading.norm_name, raw.columns
    ):
        report.add(
            "Ini berkas P3KE tingkat individu. Impor berkas tingkat keluarga (ID Keluarga P3KE, NIK Kepala "
            "Keluarga) sebagai 'p3ke', lalu berkas ini sebagai 'p3ke_individu'.",
            column="ID Individu",
        )
        return prepared
    missing = [f for f in (*REQUIRED, *CODED) if f not in cols]
    for f in missing:
        report.add(f"Kolom wajib tidak ada: '{ALIASES[f][0]}'.", column=ALIASES[f][0])
    if missing or raw.empty:
        if raw.empty:
            report.add("Berkas tidak berisi baris data.")
        return prepared
    rows = np.arange(len(raw)) + sheet.first_data_row
    desa = read_current("desa_for_import", path)
    households, rejected = _validate(raw, cols, rows, desa, report)
    prepared.rows_rejected = rejected
    say(0.55, "pemeriksaan selesai")
    prepared.apply = lambda con: replace_rows(con, "household", households)
    return prepared


def _looks_like_sdgs(sheet: reading.Sheet, raw: pd.DataFrame) -> bool:
    # the SDGs Desa household template: sheet "Keluarga", a group row, a label row and a code row (P206, ...)
    cells = " ".join(map(str, raw.columns)) + " " + " ".join(raw.head(3).astype(str).to_numpy().ravel())
    return (
        sheet.sheet.strip().lower() == "keluarga" or "DESKRIPSI KELUARGA" in cells.upper() or " P206" in cells
    )


def _problem(
    report: Report,
    mask: pd.Series,
    rows: np.ndarray,
    col: str,
    values: pd.Series,
    msg: str,
    sev: str,
    nik: bool = False,
) -> None:
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        shown = values[mask]
        # reports are downloaded and shared: never the full NIK (UU 27/2022)
        report.add_rows(msg, sev, rows[mask], col, (mask_nik(shown) if nik else shown).to_numpy())


def _validate(
    raw: pd.DataFrame, cols: dict[str, str], rows: np.ndarray, desa: pd.DataFrame, report: Report
) -> tuple[pd.DataFrame, int]:
    col = cols.__getitem__
    out = pd.DataFrame(index=raw.index)
    hid = raw[col("household_id")].str.strip()
    _problem(report, hid == "", rows, col("household_id"), hid, "ID Keluarga kosong.", ERROR)
    out["household_id"] = hid

    # Kode Kemdagri: 10 digits without dots, or dotted 33.29.01.2001
    code = raw[col("kode")].str.replace(r"[\s.]", "", regex=True)
    bad_code = ~code.str.fullmatch(r"\d{10}")
    _problem(
        report, bad_code, rows, col("kode"), raw[col("kode")], "Kode Kemdagri desa harus 10 digit.", ERROR
    )
    dotted = code.str[0:2] + "." + code.str[2:4] + "." + code.str[4:6] + "." + code.str[6:10]
    known = desa.set_index("desa_code")
    unknown = ~bad_code & ~dotted.isin(known.index)
    _problem(
        report,
        unknown,
        rows,
        col("kode"),
        raw[col("kode")],
        "Kode desa tidak ada di basis data: impor batas wilayah kabupaten ini lebih dulu.",
        ERROR,
    )
    out["desa_code"] = dotted
    out["kecamatan_code"] = dotted.str[:8]
    out["kabupaten_code"] = dotted.str[:5]

    decile = reading.to_int(raw[col("welfare_decile")])
    bad = decile.isna() | ~decile.isin([1, 2, 3, 4])
    _problem(report, bad, rows, col("welfare_decile"), raw[col("welfare_decile")], "Desil harus 1-4.", ERROR)
    out["welfare_decile"] = decile
    out["is_extreme_poor"] = decile == 1
    if "welfare_percentile" in cols:
        pct = reading.to_int(raw[col("welfare_percentile")])
        bad = pct.isna() | (pct < 1) | (pct > 40)
        _problem(report, bad, rows, col("welfare_percentile"), raw[col("welfare_percentile")],
                 "Persentil harus 1-40.", ERROR)  # fmt: skip
        out["welfare_percentile"] = pct
    else:
        out["welfare_percentile"] = decile * 10  # the upper percentile of the decile: decile is all we know
    out["updated_year"] = reading.to_int(raw[col("updated_year")]) if "updated_year" in cols else pd.NA
    no_year = out["updated_year"].isna()
    if no_year.any():
        report.add_rows("Tahun pemutakhiran kosong; diisi tahun ini.", WARNING, rows[no_year.to_numpy()], "")
        out["updated_year"] = out["updated_year"].fillna(pd.Timestamp.now().year)

    _nik(raw[col("head_nik")], rows, col("head_nik"), out, report)
    name_ = raw[col("head_name")].str.strip()
    _problem(report, name_ == "", rows, col("head_name"), name_, "Nama kepala keluarga kosong.", ERROR)
    out["head_name"] = name_
    born = reading.parse_dates(raw[col("head_birth_on")])
    _problem(report, born.isna(), rows, col("head_birth_on"), raw[col("head_birth_on")],
             "Tanggal lahir tidak valid (contoh: 31-12-1980 atau 1980-12-31).", ERROR)  # fmt: skip
    out["head_birth_on"] = born

    for field, domain in CODED.items():
        allowed = {v.replace(" /", "/").replace("/ ", "/"): v for v in P3KE_DOMAINS[domain]}
        key = _key(raw[col(field)]).fillna("")
        key = key.where(key != "", "KOSONG" if "KOSONG" in allowed else "LAINNYA")
        canon = key.map(allowed)
        _problem(report, canon.isna(), rows, col(field), raw[col(field)],
                 f"Nilai tidak dikenal untuk '{col(field)}'. Nilai yang boleh: {', '.join(sorted(allowed.values()))}.",
                 ERROR)  # fmt: skip
        out[field] = canon

    yes = {f: _key(raw[col(f)]).isin(YES) if f in cols else pd.Series(False, index=raw.index) for f in
           ("receives_pkh", "receives_bpnt", "receives_sembako", "receives_kur")}  # fmt: skip
    out["receives_pkh"] = yes["receives_pkh"]
    out["receives_bpnt"] = yes["receives_bpnt"] | yes["receives_sembako"]
    out["receives_kur"] = yes["receives_kur"]
    # not in P3KE family exports: set by later verification or the survey, false until then
    out["receives_pbi_jkn"] = False
    out["receives_blt_dd"] = False
    out["has_disability_member"] = False
    out["verification_status"] = "belum"
    out["verification_reason"] = None
    out["verified_on"] = pd.NaT
    out["mothers_children_count"] = 0
    members = (
        reading.to_int(raw[col("members_count")])
        if "members_count" in cols
        else pd.Series(1, index=raw.index)
    )
    out["members_count"] = members.fillna(1).clip(lower=1)
    _coordinates(raw, cols, rows, out, known, report)

    dup = hid.duplicated(keep=False) & (hid != "")
    same = pd.Series(False, index=raw.index)
    if dup.any():  # whole-row comparison only among rows whose ID repeats (hashing every row costs seconds)
        same[dup] = raw[dup].duplicated(keep="first")
    _problem(report, dup & ~same & hid.duplicated(keep="first"), rows, col("household_id"), hid,
             "ID Keluarga ganda dengan isi berbeda.", ERROR)  # fmt: skip
    _problem(report, same & dup, rows, col("household_id"), hid,
             "Baris ganda (isi sama persis): hanya baris pertama yang diimpor.", WARNING)  # fmt: skip
    nik_dup = out["head_nik"].duplicated(keep="first") & ~same
    _problem(report, nik_dup, rows, col("head_nik"), out["head_nik"],
             "NIK kepala keluarga sama dengan keluarga lain (Prioritas Verval: keluarga duplikat).", WARNING, nik=True)  # fmt: skip
    keep = ~(same & dup)
    return out[keep].reset_index(drop=True), int((~keep).sum())


def mask_nik(values: pd.Series) -> pd.Series:
    """Return NIKs with the birth date and serial hidden: 332901********** (long values keep 6 characters)."""
    text = values.astype("string").fillna("")
    return text.str[:6] + text.str[6:].str.replace(r".", "*", regex=True)


def _nik(nik_raw: pd.Series, rows: np.ndarray, column: str, out: pd.DataFrame, report: Report) -> None:
    nik = nik_raw.str.replace(r"[\s.'-]", "", regex=True)
    bad = ~nik.str.fullmatch(r"\d{16}")
    _problem(report, bad, rows, column, nik_raw, "NIK harus 16 digit angka.", ERROR, nik=True)
    # the structure lokal.is_valid_nik checks, vectorised: province, regency/district not 00, birth date, serial
    day = pd.to_numeric(nik.str[6:8], errors="coerce")
    day = day.where(day <= 40, day - 40)
    month = pd.to_numeric(nik.str[8:10], errors="coerce")
    structure = (
        nik.str[:2].isin(set(PROVINCES) | set(out["kabupaten_code"].str[:2].unique()))
        & (nik.str[2:4] != "00")
        & (nik.str[4:6] != "00")
        & day.between(1, 31)
        & month.between(1, 12)
        & (nik.str[12:] != "0000")
    )
    _problem(report, ~bad & ~structure, rows, column, nik_raw,
             "Struktur NIK tidak wajar (kode wilayah, tanggal lahir atau nomor urut).", WARNING, nik=True)  # fmt: skip
    out["head_nik"] = nik


def _coordinates(raw, cols, rows, out: pd.DataFrame, known: pd.DataFrame, report: Report) -> None:
    centre = known.reindex(out["desa_code"])
    if "lon" in cols and "lat" in cols:
        lon = pd.to_numeric(raw[cols["lon"]].str.replace(",", "."), errors="coerce")
        lat = pd.to_numeric(raw[cols["lat"]].str.replace(",", "."), errors="coerce")
    else:
        # P3KE exports carry no coordinates: households stand at their desa's representative point
        lon = pd.Series(np.nan, index=raw.index)
        lat = pd.Series(np.nan, index=raw.index)
    given = lon.notna() & lat.notna()
    out["lon"] = lon.where(given, centre["centroid_lon"].to_numpy())
    out["lat"] = lat.where(given, centre["centroid_lat"].to_numpy())
    if not given.any():
        return
    outside = pd.Series(False, index=raw.index)
    checkable = out[given & out["desa_code"].isin(known.index)]
    for code, idx in checkable.groupby("desa_code").groups.items():
        poly = shapely.from_wkb(known.at[code, "geometry_wkb"])
        inside = shapely.contains_xy(poly, out.loc[idx, "lon"].to_numpy(), out.loc[idx, "lat"].to_numpy())
        outside.loc[idx] = ~inside
    _problem(report, outside, rows, cols["lon"], lon.astype(str) + ", " + lat.astype(str),
             "Koordinat rumah tangga di luar batas desanya.", WARNING)  # fmt: skip
