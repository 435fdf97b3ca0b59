"""P3KE register exports (family level) into the household table: columns by name, vectorised validation.

Only identity and key fields (family ID, desa code, NIK shape, decile, coordinates) give errors; coded values are
mapped as they come (p3ke_coded.py); a column of the official layout that is missing is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.data.importers import p3ke_coded as coded
from sinergi.data.importers import p3ke_fields as fields
from sinergi.data.importers import reading
from sinergi.data.importers.core import Prepared
from sinergi.data.importers.report import WARNING, Report
from sinergi.data.importers.writer import apply_rows, ensure_table, file_sha256, read_current, replace_rows

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
    "receives_pkh": ("Penerima PKH", "PKH"),
    "receives_bpnt": ("Penerima BPNT", "BPNT"),
    "receives_sembako": ("Penerima SEMBAKO", "SEMBAKO"),
    "receives_kur": ("Penerima KUR", "KUR"),
    "members_count": ("Jumlah Anggota Keluarga", "Jumlah Anggota", "Jumlah ART"),
    "lon": ("Longitude", "Bujur", "lng", "lon"),
    "lat": ("Latitude", "Lintang", "lat"),
}
OPTIONAL = ("members_count", "lon", "lat")  # not in the official family-level layout
# every other field is a column of the official layout: missing, it is an error (never a silent default)
REQUIRED = tuple(f for f in ALIASES if f not in OPTIONAL)
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
FLAGS = ("receives_pkh", "receives_bpnt", "receives_sembako", "receives_kur")
KNOWN = {reading.norm_name(a) for names in ALIASES.values() for a in names}


def prepare(
    name: str,
    data: bytes,
    path: Path | None = None,
    progress: Callable[[float, str], None] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> Prepared:
    """Read and validate a P3KE family export; return what would be written and the problem report."""
    say = progress or (lambda fraction, step: None)
    report = Report(name, lang=lang)
    prepared = Prepared("p3ke", name, file_sha256(data), report, rows_read=0)
    try:
        sheet = reading.read_sheets(name, data, KNOWN, report)[0]
    except reading.ReadError as exc:
        report.add(report.t(exc.key, **exc.values))
        return prepared
    report.sheet = sheet.sheet
    raw = sheet.frame
    prepared.rows_read = len(raw)
    say(0.3, report.t("impor.progress.read"))
    cols = reading.match_columns(list(raw.columns), ALIASES)
    if _looks_like_sdgs(sheet, raw):
        report.add(report.t("impor.p3ke.sdgs"), sheet=sheet.sheet)
        return prepared
    if reading.norm_name("ID Individu") in map(reading.norm_name, raw.columns):
        report.add(report.t("impor.p3ke.individual_file"), column="ID Individu")
        return prepared
    missing = [f for f in REQUIRED if f not in cols]
    for f in missing:
        report.add(report.t("impor.missing_column", column=ALIASES[f][0]), column=ALIASES[f][0])
    if missing or raw.empty:
        if raw.empty:
            report.add(report.t("impor.no_rows"))
        return prepared
    reading.check_cells(sheet, report, list(cols.values()))
    desa = read_current("desa_for_import", path)
    households, kept, rejected = _validate(raw, cols, sheet, desa, report)
    prepared.rows_rejected = rejected
    say(0.55, report.t("impor.progress.checked"))
    prepared.apply = lambda con: _write(con, households, kept)
    return prepared


def _write(con: duckdb.DuckDBPyConnection, households: pd.DataFrame, kept: pd.DataFrame) -> int:
    ensure_table(con, "household_raw_value")  # databases built before the table existed
    written = replace_rows(con, "household", households)  # also drops the raw values of replaced families
    apply_rows(con, "insert_household_raw_value", kept, table="household_raw_value")
    return written


def _looks_like_sdgs(sheet: reading.Sheet, raw: pd.DataFrame) -> bool:
    # the SDGs Desa household template: sheet "Keluarga", a group row, a label row and a code row (P206, ...)
    cells = " ".join(map(str, raw.columns)) + " " + " ".join(raw.head(3).astype(str).to_numpy().ravel())
    return (
        sheet.sheet.strip().lower() == "keluarga" or "DESKRIPSI KELUARGA" in cells.upper() or " P206" in cells
    )


def _validate(
    raw: pd.DataFrame, cols: dict[str, str], sheet: reading.Sheet, desa: pd.DataFrame, report: Report
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Return (household rows, raw text of unknown coded values, rows left out as exact duplicates)."""
    col, rows = cols.__getitem__, sheet.rows
    out = pd.DataFrame(index=raw.index)
    hid = raw[col("household_id")].str.strip()
    fields.flag(report, hid == "", rows, col("household_id"), hid, report.t("impor.p3ke.id_blank"))
    out["household_id"] = hid
    known = desa.set_index("desa_code")
    dotted = fields.desa_codes(raw[col("kode")], rows, col("kode"), known.index, report)
    out["desa_code"] = dotted
    out["kecamatan_code"] = dotted.str[:8]
    out["kabupaten_code"] = dotted.str[:5]
    decile, pct = fields.deciles(raw[col("welfare_decile")], raw[col("welfare_percentile")], rows,
                                 (col("welfare_decile"), col("welfare_percentile")), report)  # fmt: skip
    out["welfare_decile"] = decile
    out["welfare_percentile"] = pct
    out["is_extreme_poor"] = decile == 1
    year = reading.to_int(raw[col("updated_year")])
    fields.flag(report, year.isna(), rows, col("updated_year"), raw[col("updated_year")],
                report.t("impor.p3ke.year_blank"), WARNING)  # fmt: skip
    out["updated_year"] = year.fillna(pd.Timestamp.now().year)
    niks = fields.nik(raw[col("head_nik")], rows, col("head_nik"), set(dotted.str[:2].unique()), report)
    out["head_nik"] = niks
    name_ = raw[col("head_name")].str.strip()
    fields.flag(report, name_ == "", rows, col("head_name"), name_, report.t("impor.p3ke.name_blank"))
    out["head_name"] = name_
    out["head_birth_on"] = fields.birth_dates(
        raw[col("head_birth_on")], niks, rows, col("head_birth_on"), report
    )

    kept = []
    for field, domain in CODED.items():
        out[field], unknown = coded.canonical(raw[col(field)], domain, col(field), rows, report, sheet.sheet)
        has = unknown.notna()
        if has.any():
            kept.append(pd.DataFrame({"household_id": hid[has], "field": field, "raw_value": unknown[has]}))
    yes = {f: coded.flags(raw[col(f)], col(f), rows, report, sheet.sheet) for f in FLAGS}
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
    out["lon"], out["lat"] = fields.coordinates(raw, cols, rows, dotted, known, report)
    keep = fields.duplicates(raw, hid, niks, rows, cols, report)
    raw_values = (
        pd.concat(kept, ignore_index=True)
        if kept
        else pd.DataFrame(columns=["household_id", "field", "raw_value"])
    )
    raw_values = raw_values[raw_values["household_id"].isin(set(hid[keep]))].drop_duplicates(
        ["household_id", "field"]
    )
    return out[keep].reset_index(drop=True), raw_values.reset_index(drop=True), int((~keep).sum())
