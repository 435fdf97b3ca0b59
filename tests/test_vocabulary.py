"""One vocabulary: the schema's CHECK lists, the lookup tables and the Python constants are the same lists."""

import re

import duckdb
import pytest

from sinergi.common import vocabulary
from sinergi.common.vocabulary import CODED_COLUMNS, VOCABULARY
from sinergi.data.db import load_sql
from sinergi.data.demo.build import lookup_tables
from sinergi.data.dictionary import parse_schema

CHECK_RE = re.compile(r"check \((\w+) in \(([^)]*)\)\)")


def _schema_checks() -> dict[tuple[str, str], tuple[str, ...]]:
    checks = {}
    for table in parse_schema(load_sql("schema")):
        for column in table["columns"]:
            if m := CHECK_RE.search(column["constraints"]):
                assert m[1] == column["name"], f"{table['table']}.{column['name']}: CHECK names {m[1]}"
                checks[(table["table"], column["name"])] = tuple(
                    v.strip().strip("'") for v in m[2].split(",")
                )
    return checks


def test_schema_checks_equal_the_vocabulary():
    checks = _schema_checks()
    expected = {column: VOCABULARY[domain] for column, domain in CODED_COLUMNS.items()}
    assert checks == expected


def test_lookup_tables_in_the_database_equal_the_vocabulary(con):
    rows = con.execute(
        "select domain, code, sort_order from vocabulary order by domain, sort_order"
    ).fetchall()
    assert sorted(rows) == sorted(vocabulary.vocabulary_rows())
    assert [
        r[0] for r in con.execute("select sector_code from sector order by sector_code").fetchall()
    ] == sorted(vocabulary.SECTORS)
    stages = con.execute("select stage_no, stage_code from program_stage order by stage_no").fetchall()
    assert stages == list(enumerate(vocabulary.STAGES, 1))


def test_lookup_frames_carry_a_name_in_both_languages():
    tables = lookup_tables()
    for name in ("sector", "program_stage"):
        frame = tables[name]
        assert frame[["name_id", "name_en"]].notna().all().all() and (frame["name_en"] != "").all()


def test_status_groups_are_subsets_of_the_statuses():
    statuses = set(vocabulary.MOA_STATUSES)
    for group in (vocabulary.SIGNED_STATUSES, vocabulary.RUNNING_STATUSES, vocabulary.OPEN_STATUSES):
        assert set(group) <= statuses
    assert set(vocabulary.RUNNING_STATUSES) <= set(vocabulary.SIGNED_STATUSES)
    assert "draft" not in vocabulary.SIGNED_STATUSES and "dihentikan" not in vocabulary.SIGNED_STATUSES


@pytest.mark.parametrize(("table", "column"), [("moa", "status"), ("intervention", "source")])
def test_the_schema_refuses_a_value_outside_the_vocabulary(demo_database, table, column):
    con = duckdb.connect()
    con.execute(load_sql("schema"))
    con.execute(f"attach '{demo_database}' as demo (read_only)")
    con.execute(f"insert into {table} select * from demo.{table} limit 1")  # a real row goes in
    con.execute(f"delete from {table}")
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        con.execute(
            f"insert into {table} select * replace ('bukan_kode' as {column}) from demo.{table} limit 1"
        )


@pytest.mark.parametrize("domain", sorted(vocabulary.LABELLED))
def test_every_code_has_a_label_in_both_languages(domain):
    from sinergi.common.i18n import LANGUAGES, catalogue

    missing = [
        f"vocab.{domain}.{code} ({lang})"
        for code in vocabulary.LABELLED[domain]
        for lang in LANGUAGES
        if not catalogue().get(f"vocab.{domain}.{code}", {}).get(lang)
    ]
    assert missing == [], "add these to sinergi/common/locales/vocab.toml: " + ", ".join(missing)
    assert vocabulary.label(domain, vocabulary.LABELLED[domain][0], "en") != ""


def test_label_of_missing_and_unknown_codes():
    assert vocabulary.label("sector", None) == "" and vocabulary.label("sector", float("nan")) == ""
    assert vocabulary.label("sector", "umkm", "en") == "MSMEs"
    assert vocabulary.labels("sector", "pangan,umkm", "id") == "Pangan, UMKM"
