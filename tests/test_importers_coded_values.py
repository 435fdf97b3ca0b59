"""Coded P3KE values as they come (issue 13): spelling variants are mapped by the synonym table and counted, blanks
follow the documented rule, an unknown descriptive value imports as LAINNYA with its raw text kept (a warning), and
only identity and key fields are errors. Refusals leave the database byte-identical."""

import io

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_helpers import VARIANTS, copy_demo, p3ke_as_circulated, sha

from sinergi.data.importers import execute, prepare
from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.p3ke_coded import OTHER, key, synonyms
from sinergi.data.importers.sample import synthetic_p3ke

DESA = ["99.02.01.2001", "99.02.01.2002", "99.02.01.2003"]


@pytest.fixture
def demo_copy(tmp_path):
    return copy_demo(tmp_path)


def _query(path, sql, *params):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _good(rows: int = 6) -> pd.DataFrame:
    data = synthetic_p3ke(DESA, rows, title=False)
    return pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, sep=";").encode()


def test_synonym_table_maps_only_to_values_of_the_code_lists():
    for domain, variants in synonyms().items():
        allowed = set(P3KE_DOMAINS[domain]) | {OTHER}
        assert set(variants.values()) <= allowed, domain
        canonical_keys = {key(v) for v in P3KE_DOMAINS[domain]}
        assert not set(variants) & canonical_keys, f"{domain}: a variant that is already a canonical value"


@pytest.mark.parametrize("style", ["upper", "title"])
def test_exports_as_they_circulate_import_with_notes_only(style, demo_copy):
    data, frame = p3ke_as_circulated(DESA, 2000, style)
    prepared = prepare("p3ke", [(f"p3ke_{style}.csv", data)], demo_copy)
    report = prepared.report.frame()
    assert prepared.report.errors == 0, report.head()
    assert prepared.report.warnings == 0, report[report["severity"] == "warning"].head()
    assert prepared.rows_read == 2000
    # each variant is counted once, with the number of rows it stands for
    notes = report[report["severity"] == "note"]
    for column, variants in VARIANTS.items():
        for variant, canonical in variants.items():
            rows = int((frame[column].str.upper() == variant).sum())
            line = notes[(notes["column"] == column) & (notes["value"].str.upper() == variant)]
            assert line["count"].tolist() == [rows], (column, variant)
            assert f"'{canonical}'" in line["message"].iloc[0] and f"{rows} baris" in line["message"].iloc[0]
    blanks = notes[(notes["column"] == "Sumber Penerangan") & (notes["value"] == "")]
    assert blanks["count"].tolist() == [int((frame["Sumber Penerangan"] == "").sum())]
    assert "LAINNYA" in blanks["message"].iloc[0]
    outcome = execute(prepared, user="uji", path=demo_copy)
    assert outcome.status == "written" and outcome.result.rows_written == 2000
    got = dict(_query(demo_copy, "select water_source, count(*) from household where household_id like 'P3KE%' "
                                 "group by all"))  # fmt: skip
    assert got["LEDENG/PAM"] >= int((frame["Sumber Air Minum"].str.upper() == "LEDENG").sum())
    assert set(got) <= set(P3KE_DOMAINS["home_water"])


def test_unknown_value_is_a_warning_imported_as_lainnya_with_raw_text_kept(demo_copy):
    frame = _good()
    frame.loc[[1, 3], "Jenis Atap"] = "EMAS"
    frame.loc[2, "Jenis Kelamin Kepala Keluarga"] = "X"
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("emas.csv", _csv(frame))], demo_copy)
    report = prepared.report.frame()
    assert prepared.report.errors == 0
    roof = report[(report["column"] == "Jenis Atap") & (report["severity"] == "warning")]
    assert roof[["row", "count", "value"]].values.tolist() == [
        [3, 2, "EMAS"]
    ]  # first row 3 (header on row 1)
    assert "LAINNYA" in roof["message"].iloc[0]
    assert execute(prepared, user="uji", path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status == "written"
    ids = frame["ID Keluarga P3KE"]
    assert _query(demo_copy, "select roof_type from household where household_id = ?", ids[1]) == [
        ("LAINNYA",)
    ]
    kept = _query(demo_copy, "select household_id, field, raw_value from household_raw_value order by all")
    assert kept == sorted(
        [(ids[1], "roof_type", "EMAS"), (ids[3], "roof_type", "EMAS"), (ids[2], "head_sex", "X")]
    )
    import_id = _query(demo_copy, "select import_id from import_log where kind = 'p3ke'")[0][0]
    assert _query(demo_copy, "select distinct import_id from household_raw_value") == [(import_id,)]


def test_reimport_with_fixed_values_drops_the_kept_raw_text(demo_copy):
    frame = _good()
    frame.loc[1, "Jenis Atap"] = "EMAS"
    execute(
        prepare("p3ke", [("a.csv", _csv(frame))], demo_copy), user="uji", accept_warnings=True, path=demo_copy
    )
    frame.loc[1, "Jenis Atap"] = "GENTENG"
    execute(prepare("p3ke", [("b.csv", _csv(frame))], demo_copy), user="uji", path=demo_copy)
    assert _query(demo_copy, "select count(*) from household_raw_value") == [(0,)]


def test_bansos_words_and_birth_date_from_nik(demo_copy):
    frame = _good()
    frame.loc[1, "Penerima PKH"] = "Mungkin"
    frame.loc[2, "Tanggal Lahir Kepala Keluarga"] = ""
    prepared = prepare("p3ke", [("w.csv", _csv(frame))], demo_copy)
    report = prepared.report.frame()
    assert prepared.report.errors == 0
    assert set(report.loc[report["severity"] == "warning", "column"]) == {
        "Penerima PKH",
        "Tanggal Lahir Kepala Keluarga",
    }
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status == "written"
    nik = frame.loc[2, "NIK Kepala Keluarga"]
    day = int(nik[6:8]) % 40
    born = _query(demo_copy, "select head_birth_on from household where household_id = ?",
                  frame.loc[2, "ID Keluarga P3KE"])[0][0]  # fmt: skip
    assert (born.day, born.month, born.year % 100) == (day, int(nik[8:10]), int(nik[10:12]))


@pytest.mark.parametrize(
    "column", ["Penerima PKH", "Penerima BPNT", "Penerima KUR", "Sumber Penerangan", "Dimuktakhirkan Tahun"]
)
def test_missing_column_of_the_official_layout_is_an_error(column, demo_copy):
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("m.csv", _csv(_good().drop(columns=[column])))], demo_copy)
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status == "blocked"
    messages = prepared.report.frame()["message"]
    assert messages.str.contains(f"Kolom wajib tidak ada: '{column}'").any()
    assert sha(demo_copy) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column=st.sampled_from(
        ["Jenis Dinding", "Pekerjaan Kepala Keluarga", "Sumber Penerangan", "Resiko Stunting"]
    ),
    junk=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=15),
)
def test_any_descriptive_value_never_blocks_an_accepted_import(column, junk, demo_copy):
    frame = _good(3)
    frame.loc[1, column] = junk
    prepared = prepare("p3ke", [("g.csv", _csv(frame))], demo_copy)
    assert prepared.report.errors == 0, prepared.report.frame()
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status in (
        "written",
        "unchanged",
    )
