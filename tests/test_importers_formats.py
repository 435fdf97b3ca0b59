"""Importers meet the formats of real data: individual exports, templates, GeoPackage, zipped Shapefile, BIG fields."""

import io
import zipfile

import duckdb
import geopandas as gpd
import lokal
import pandas as pd
import pytest
import shapely
from importer_helpers import REAL, copy_demo, needs_real, sha

from sinergi.data import db
from sinergi.data.importers import execute, prepare
from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.p3ke_fields import nik
from sinergi.data.importers.report import Report
from sinergi.data.importers.templates import SPECS, columns_of, template_bytes


@pytest.fixture
def demo_copy(tmp_path):
    return copy_demo(tmp_path)


def _query(path, sql, *params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@needs_real
def test_individual_export_sets_member_counts(demo_copy):
    header = pd.read_csv(REAL / "households" / "p3ke_2023_individu_header.csv", sep=";", dtype=str).columns
    hid = _query(demo_copy, "select household_id from household order by household_id limit 1")[0][0]
    people = pd.DataFrame("", index=range(3), columns=header)
    people["ID Keluarga P3KE"] = hid
    people["ID Individu"] = ["A1", "A2", "A3"]
    people["Jenis Kelamin"] = ["Laki-laki", "Perempuan", "Perempuan"]
    people["Hubungan dengan Kepala Keluarga"] = ["Kepala Keluarga", "Istri/Suami", "Anak"]
    people["Kelompok Usia 2023"] = ["Usia 19 - 59 tahun", "Usia 19 - 59 tahun", "USIA < 5 TAHUN"]
    people["NIK"] = ["3329010101900001", "3329014101900002", ""]
    prepared = prepare(
        "p3ke_individu", [("individu.csv", people.to_csv(index=False, sep=";").encode())], demo_copy
    )
    assert prepared.report.errors == 0, prepared.report.frame()
    assert execute(prepared, accept_warnings=True, path=demo_copy, user="uji").status == "written"
    got = _query(
        demo_copy, "select members_count, mothers_children_count from household where household_id = ?", hid
    )
    assert got == [(3, 2)]  # the child under five and the mother


@needs_real
def test_value_domains_match_the_public_code_lists():
    rows = pd.read_csv(REAL / "households" / "p3ke_value_domains.csv", dtype=str)
    for code, values in P3KE_DOMAINS.items():
        assert values == set(rows.loc[rows["code"] == code, "value"].str.strip()), code


def test_vectorised_nik_check_agrees_with_lokal():
    niks = pd.Series(["3329010101900001", "3329014101900002", "3329013201900001", "3300010101900001",
                      "9929010101900001", "3329010101900000", "3329011301900001"])  # fmt: skip
    report = Report("x")
    nik(niks, pd.RangeIndex(len(niks)).to_numpy(), "NIK", {"33"}, report)
    flagged = set(report.frame()["value"])
    assert flagged == {n[:6] + "*" * 10 for n in niks if not lokal.is_valid_nik(n)}  # masked in the report


def test_templates_round_trip_partner_and_survey(demo_copy):
    partner = pd.DataFrame([{"partner_id": "MTR-900", "name": "Koperasi Uji", "partner_type": "LSM ",
                             "kabupaten_code": "99.02", "description": "uji", "contact_email": "a@b.id"}])  # fmt: skip
    buf = io.BytesIO()
    partner.to_excel(buf, index=False, sheet_name="Data")
    outcome = execute(
        prepare("partner", [("mitra.xlsx", buf.getvalue())], demo_copy), path=demo_copy, user="uji"
    )
    assert outcome.status == "written"
    assert _query(demo_copy, "select partner_type from partner where partner_id = 'MTR-900'") == [("lsm",)]
    hid = _query(demo_copy, "select household_id from household limit 1")[0][0]
    survey = pd.DataFrame([{"household_id": hid, "round_id": 2, "observed_on": "15-09-2026",
                            "expenditure_rp_per_capita_day": "12500,5", "welfare_decile": 2, "head_employed": "ya",
                            "employed_members_count": 1, "new_jobs_count": 0, "trained_people_count": 0,
                            "business_started": "tidak", "health_facility_access": "Ya", "sanitation_access": "TIDAK",
                            "deaths_count": 0}])  # fmt: skip
    outcome = execute(prepare("survey", [("survei.csv", survey.to_csv(index=False, sep=";").encode())], demo_copy),
                      path=demo_copy, user="uji")  # fmt: skip
    assert outcome.status == "written", outcome.prepared.report.frame()
    got = _query(demo_copy, "select expenditure_rp_per_capita_day, head_employed from household_observation "
                            "where household_id = ? and round_id = 2", hid)  # fmt: skip
    assert got == [(12500.5, True)]


def test_template_refers_to_nothing_is_an_error(demo_copy):
    before = sha(demo_copy)
    survey = pd.DataFrame([{"household_id": "TIDAK-ADA", "round_id": 9, "observed_on": "2026-09-15"}])
    prepared = prepare("survey", [("s.csv", survey.to_csv(index=False).encode())], demo_copy)
    assert "Kolom wajib tidak ada" in " ".join(prepared.report.frame()["message"])
    columns = [c["name"] for c in columns_of("household_observation")]
    full = survey.reindex(columns=columns, fill_value="1")
    prepared = prepare("survey", [("s.csv", full.to_csv(index=False).encode())], demo_copy)
    frame = prepared.report.frame()
    assert set(frame.loc[frame["message"].str.contains("tidak ada di basis data"), "column"]) == {
        "household_id",
        "round_id",
    }
    assert execute(prepared, path=demo_copy, user="uji").status == "blocked" and sha(demo_copy) == before


def test_every_template_explains_every_column():
    for kind in SPECS:
        sheets = pd.read_excel(io.BytesIO(template_bytes(kind)), sheet_name=None, header=None)
        assert set(sheets) == {"Data", "Petunjuk"}
        assert set(sheets["Data"].iloc[0]) <= set(sheets["Petunjuk"][0].dropna())


def _square(x, y, size=0.01):
    return shapely.box(x, y, x + size, y + size)


def test_geopackage_and_zipped_shapefile_in_another_crs_with_big_fields(demo_copy, tmp_path):
    # BIG RBI style: KDEPUM / WADMKD, in UTM zone 49S; the desa code is an existing demo desa, renamed
    code = _query(
        demo_copy, "select region_code from region where level = 'desa' order by region_code limit 1"
    )[0][0]
    frame = gpd.GeoDataFrame(
        {"KDEPUM": [code], "WADMKD": ["Desa Uji"]}, geometry=[_square(120.0, -9.0)], crs=4326
    )
    utm = frame.to_crs(32749)
    utm.to_file(tmp_path / "desa.gpkg", driver="GPKG")
    utm.to_file(tmp_path / "desa.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for part in tmp_path.glob("desa.*"):
            if part.suffix != ".gpkg":
                zf.write(part, part.name)
    for name, data in (("desa.gpkg", (tmp_path / "desa.gpkg").read_bytes()), ("desa.zip", buf.getvalue())):
        prepared = prepare("boundaries", [(name, data)], demo_copy)
        assert prepared.report.errors == 0, prepared.report.frame()
        assert execute(prepared, accept_warnings=True, path=demo_copy, user="uji").status == "written"
        row = _query(demo_copy, "select name, round(centroid_lon, 3), round(centroid_lat, 3) from region "
                                "where region_code = ?", code)  # fmt: skip
        assert row == [("Uji", 120.005, -8.995)]


def test_running_process_sees_new_data_without_restart(demo_copy, monkeypatch):
    monkeypatch.setenv("SINERGI_DB", str(demo_copy))
    db.close_connection()
    before = db.run_query("import_log_recent")
    partner = pd.DataFrame([{"partner_id": "MTR-901", "name": "Uji", "partner_type": "swasta",
                             "description": "uji", "contact_email": "a@b.id"}])  # fmt: skip
    execute(
        prepare("partner", [("m.csv", partner.to_csv(index=False).encode())], demo_copy),
        path=demo_copy,
        user="uji",
    )
    after = db.run_query("import_log_recent")
    assert len(after) == len(before) + 1 and after["kind"].iloc[0] == "partner"
    db.close_connection()


def test_official_excel_layout_header_on_row_12_and_row_numbers(demo_copy):
    from sinergi.data.importers.sample import synthetic_p3ke

    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(["99.02.01.2001"], 4, title=False)), sep=";", dtype=str)
    frame.loc[2, "Desil Kesejahteraan"] = "9"  # the third data row: spreadsheet row 15
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        frame.to_excel(writer, sheet_name="P3KE", index=False, startrow=11)
        writer.sheets["P3KE"].write(0, 0, "DATA PENSASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)")
    prepared = prepare("p3ke", [("p3ke.xlsx", buf.getvalue())], demo_copy)
    report = prepared.report.frame()
    assert prepared.rows_read == 4
    assert report[["sheet", "row", "column"]].values.tolist() == [["P3KE", 15, "Desil Kesejahteraan"]]


def test_database_built_before_import_log_existed(demo_copy):
    con = duckdb.connect(str(demo_copy))
    con.execute("drop table import_log")
    con.close()
    partner = pd.DataFrame([{"partner_id": "MTR-902", "name": "Uji", "partner_type": "swasta",
                             "description": "uji", "contact_email": "a@b.id"}])  # fmt: skip
    outcome = execute(
        prepare("partner", [("m.csv", partner.to_csv(index=False).encode())], demo_copy),
        path=demo_copy,
        user="uji",
    )
    assert outcome.status == "written"
    assert _query(demo_copy, "select kind from import_log") == [("partner",)]


def test_every_importer_query_has_a_caller():
    from sinergi.data.importers.templates import REFERENCES

    code = "\n".join(p.read_text() for p in (db.PROJECT_ROOT / "sinergi" / "data" / "importers").glob("*.py"))
    used = {f'"{n}"' for n in REFERENCES.values()} | {f"replace_{s.table}" for s in SPECS.values()}
    for sql in (db.QUERIES_DIR / "importer").glob("*.sql"):
        name = sql.stem
        assert f'"{name}"' in code or name in used or name in {"replace_region", "replace_desa_distance",
                                                                  "replace_household"}, name  # fmt: skip


def test_template_with_a_repeated_key_is_reported(demo_copy):
    # the message once raised TypeError (its placeholder was called `key`, like Report.t's own argument): mypy found it
    row = {"partner_id": "MTR-901", "name": "Koperasi Uji", "partner_type": "lsm", "kabupaten_code": "99.02",
           "description": "uji", "contact_email": "a@b.id"}  # fmt: skip
    buf = io.BytesIO()
    pd.DataFrame([row, {**row, "name": "Koperasi Uji Lagi"}]).to_excel(buf, index=False, sheet_name="Data")
    prepared = prepare("partner", [("mitra.xlsx", buf.getvalue())], demo_copy)
    frame = prepared.report.frame()
    assert frame["message"].str.contains("Kunci ganda").any()
    assert frame.loc[frame["message"].str.contains("Kunci ganda"), "value"].tolist() == ["MTR-901"]
