"""P3KE individual-level exports: validated per person, aggregated per family into household member counts.

The household table is one row per family, so an individual export does not add rows: it sets members_count and
mothers_children_count of families already imported from the family-level export (unknown families are errors).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.common.nik import mask_niks
from sinergi.data.importers import p3ke_coded, reading
from sinergi.data.importers.core import Prepared
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


def prepare(name: str, data: bytes, path: Path | None = None, lang: str = DEFAULT_LANGUAGE) -> Prepared:
    """Read and validate an individual-level export; the write sets member counts of known families."""
    report = Report(name, lang=lang)
    prepared = Prepared("p3ke_individu", name, file_sha256(data), report, 0)
    try:
        sheet = reading.read_sheets(name, data, KNOWN, report)[0]
    except reading.ReadError as exc:
        report.add(report.t(exc.key, **exc.values))
        return prepared
    report.sheet = sheet.sheet
    raw = sheet.frame
    prepared.rows_read = len(raw)
    cols = reading.match_columns(list(raw.columns), ALIASES)
    missing = [f for f in REQUIRED if f not in cols]
    for f in missing:
        report.add(report.t("impor.missing_column", column=ALIASES[f][0]), column=ALIASES[f][0])
    if raw.empty:
        report.add(report.t("impor.no_rows"))
    if missing or raw.empty:
        return prepared
    reading.check_cells(sheet, report, list(cols.values()))
    rows = sheet.rows
    families = _validate(raw, cols, rows, set(read_current("known_household", path)["id"]), report)
    prepared.apply = lambda con: apply_rows(con, "update_household_members", families, table="household")
    return prepared


def _flag(
    report: Report,
    mask: object,
    rows: np.ndarray,
    column: str,
    values: pd.Series,
    message: str,
    severity: str = ERROR,
) -> None:
    m = np.asarray(mask, dtype=bool)
    if m.any():
        report.add_rows(message, severity, rows[m], column, values.to_numpy()[m])


def _validate(
    raw: pd.DataFrame, cols: dict[str, str], rows: np.ndarray, known: set[str], report: Report
) -> pd.DataFrame:
    hid = raw[cols["household_id"]].str.strip()
    _flag(report, ~hid.isin(known), rows, cols["household_id"], hid,
          report.t("impor.individu.unknown_family"))  # fmt: skip
    pid = raw[cols["person_id"]].str.strip()
    _flag(report, pid.eq(""), rows, cols["person_id"], pid, report.t("impor.individu.id_blank"))
    _flag(
        report,
        pid.duplicated(keep="first") & pid.ne(""),
        rows,
        cols["person_id"],
        pid,
        report.t("impor.individu.id_repeated"),
    )
    coded = {}
    for field, domain in (("sex", "gender"), ("relationship", "relationship"), ("age_group", "age_group")):
        if field in cols:  # unknown values count as LAINNYA (a warning): not a mother, not a young child
            coded[field], _ = p3ke_coded.canonical(raw[cols[field]], domain, cols[field], rows, report)
    if "nik" in cols:
        nik = raw[cols["nik"]].str.replace(r"[\s.'-]", "", regex=True)
        _flag(report, nik.ne("") & ~nik.str.fullmatch(r"\d{16}"), rows, cols["nik"], mask_niks(raw[cols["nik"]]),
              report.t("impor.p3ke.nik_shape"))  # fmt: skip
        _flag(report, nik.eq(""), rows, cols["nik"], nik, report.t("impor.individu.nik_blank"), WARNING)
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
