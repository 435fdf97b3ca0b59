"""P3KE individual-level exports: validated per person, aggregated per family into household member counts.

The household table is one row per family, so an individual export does not add rows: it sets members_count and
mothers_children_count of families already imported from the family-level export (unknown families are errors).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sinergi.data.importers import reading
from sinergi.data.importers.core import Prepared
from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.report import ERROR, WARNING, Report
from sinergi.data.importers.writer import apply_rows, file_sha256, read_current

ALIASES: dict[str, tuple[str, ...]] = {
    "household_id": ("ID Keluarga P3KE", "ID Keluarga"),
    "person_id": ("ID Individu", "ID ART"),
    "nik": ("NIK", "NIK Individu"),
    "name": ("Nama", "Nama Individu"),
    "sex": ("Jenis Kelamin",),
    "relationship": ("Hubungan dengan Kepala Keluarga", "Hubungan Keluarga"),
    "age_group": ("Kelompok Usia 2023", "Kelompok Usia"),
    "age": ("Usia 2023", "Usia"),
}
REQUIRED = ("household_id", "person_id", "sex", "relationship")
KNOWN = {reading.norm_name(a) for names in ALIASES.values() for a in names}
UNDER_FIVE = "USIA < 5 TAHUN"
MOTHER_ROLES = {"KEPALA KELUARGA", "ISTRI/SUAMI"}


def is_individual_file(columns: list[str]) -> bool:
    """Return True when the columns are those of an individual-level export (they carry ID Individu)."""
    return "person_id" in reading.match_columns(columns, {"person_id": ALIASES["person_id"]})


def prepare(name: str, data: bytes, path: Path | None = None) -> Prepared:
    """Read and validate an individual-level export; the write sets member counts of known families."""
    report = Report(name)
    prepared = Prepared("p3ke_individu", name, file_sha256(data), report, 0)
    try:
        sheet = reading.read_sheets(name, data, KNOWN)[0]
    except reading.ReadError as exc:
        report.add(str(exc))
        return prepared
    report.sheet = sheet.sheet
    raw = sheet.frame
    prepared.rows_read = len(raw)
    cols = reading.match_columns(list(raw.columns), ALIASES)
    missing = [f for f in REQUIRED if f not in cols]
    for f in missing:
        report.add(f"Kolom wajib tidak ada: '{ALIASES[f][0]}'.", column=ALIASES[f][0])
    if raw.empty:
        report.add("Berkas tidak berisi baris data.")
    if missing or raw.empty:
        return prepared
    rows = np.arange(len(raw)) + sheet.first_data_row
    families = _validate(raw, cols, rows, set(read_current("known_household", path)["id"]), report)
    prepared.apply = lambda con: apply_rows(con, "update_household_members", families)
    return prepared


def _flag(
    report: Report, mask, rows, column: str, values: pd.Series, message: str, severity: str = ERROR
) -> None:
    m = np.asarray(mask, dtype=bool)
    if m.any():
        report.add_rows(message, severity, rows[m], column, values.to_numpy()[m])


def _validate(
    raw: pd.DataFrame, cols: dict[str, str], rows: np.ndarray, known: set, report: Report
) -> pd.DataFrame:
    hid = raw[cols["household_id"]].str.strip()
    _flag(report, ~hid.isin(known), rows, cols["household_id"], hid,
          "ID Keluarga tidak ada di basis data: impor ekspor P3KE tingkat keluarga lebih dulu.")  # fmt: skip
    pid = raw[cols["person_id"]].str.strip()
    _flag(report, pid.eq(""), rows, cols["person_id"], pid, "ID Individu kosong.")
    _flag(
        report, pid.duplicated(keep="first") & pid.ne(""), rows, cols["person_id"], pid, "ID Individu ganda."
    )
    coded = {}
    for field, domain in (("sex", "gender"), ("relationship", "relationship"), ("age_group", "age_group")):
        if field not in cols:
            continue
        allowed = {v.replace(" ", ""): v for v in P3KE_DOMAINS[domain]}
        value = reading.norm_values(raw[cols[field]]).str.replace(" ", "", regex=False).map(allowed)
        _flag(report, value.isna(), rows, cols[field], raw[cols[field]],
              f"Nilai tidak dikenal. Nilai yang boleh: {', '.join(sorted(allowed.values()))}.")  # fmt: skip
        coded[field] = value
    if "nik" in cols:
        nik = raw[cols["nik"]].str.replace(r"[\s.'-]", "", regex=True)
        _flag(report, nik.ne("") & ~nik.str.fullmatch(r"\d{16}"), rows, cols["nik"], raw[cols["nik"]],
              "NIK harus 16 digit angka.")  # fmt: skip
        _flag(
            report, nik.eq(""), rows, cols["nik"], nik, "NIK kosong (Prioritas Verval: NIK kosong).", WARNING
        )
    if "age_group" in coded:
        under_five = coded["age_group"].eq(UNDER_FIVE)
    elif "age" in cols:
        under_five = reading.to_int(raw[cols["age"]]).lt(5).fillna(False)
    else:
        under_five = pd.Series(False, index=raw.index)
    mother = coded["sex"].eq("PEREMPUAN") & coded["relationship"].isin(MOTHER_ROLES)
    people = pd.DataFrame(
        {"household_id": hid, "under_five": under_five.astype(int), "mother": mother.astype(int)}
    )
    per = people.groupby("household_id").agg(
        members_count=("under_five", "size"), under_five=("under_five", "sum"), mothers=("mother", "sum")
    )
    # mothers count only in families with a child under five (the KPI's "mothers and young children")
    per["mothers_children_count"] = per["under_five"] + per["mothers"].where(per["under_five"] > 0, 0)
    return per.reset_index()[["household_id", "members_count", "mothers_children_count"]]
