"""An import rebuilds only the summary rows it can change (sinergi.data.summary's contract): after each kind of import
every summary table equals a full rebuild, table by table; the scope noted is the kabupaten and MoAs the written and
replaced rows reach; a table or base table that does not follow the contract fails here."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from importer_helpers import copy_demo, sha

from sinergi.data import db, rules, summary
from sinergi.data.importers import execute, prepare, writer
from sinergi.data.importers.sample import synthetic_p3ke

RULES = (
    "in_summary_scope(kabupaten_code,",
    "in_summary_household_scope(household_id,",
    "in_summary_moa_scope(moa_id,",
)


def contract_problems(table: str, text: str) -> list[str]:
    """Return how a summary table's file breaks the contract (sinergi/data/summary.py docstring); [] when it keeps it."""
    statements = summary._statements(text)
    if len(statements) != 2:
        return [f"{table}: {len(statements)} statements, not a delete and a select"]
    delete, select = (re.sub(r"--[^\n]*", "", s).strip() for s in statements)
    problems = []
    if not delete.startswith(f"delete from {table}\nwhere ") or not any(r in delete for r in RULES):
        problems.append(f"{table}: the first statement must delete the scope's rows by a rule of {RULES}")
    if not select.startswith(("select", "with")):
        problems.append(f"{table}: the second statement must be the select of the scope's rows")
    for name, sql in (("delete", delete), ("select", select)):
        if "kabupaten_codes" not in db.sql_parameters(sql):
            problems.append(f"{table}: the {name} must bind $kabupaten_codes")
        if not db.sql_parameters(sql) <= summary.SCOPE_PARAMETERS:
            problems.append(f"{table}: the {name} binds more than the scope")
    return problems


@pytest.mark.parametrize("table", summary.SUMMARY_TABLES)
def test_every_summary_table_follows_the_contract(table):
    assert contract_problems(table, summary.summary_sql(table)) == []


def test_the_contract_check_fails_on_a_table_that_does_not_follow_it():
    select = "select kabupaten_code, count(*) as n from household group by all"
    assert contract_problems("summary_x", f"create or replace table summary_x as\n{select}")
    assert contract_problems("summary_x", f"delete from summary_x\nwhere true;\n{select}")
    unscoped = "delete from summary_x\nwhere in_summary_scope(kabupaten_code, $kabupaten_codes);\n"
    assert contract_problems("summary_x", unscoped + select)
    assert not contract_problems(
        "summary_x",
        unscoped + select.replace("group", "where in_summary_scope(kabupaten_code, $kabupaten_codes)\ngroup"),
    )


def test_the_summary_files_are_the_summary_tables():
    assert sorted(p.stem for p in summary.SUMMARY_DIR.glob("*.sql")) == sorted(summary.SUMMARY_TABLES)


def _tables_read(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """Return the tables a statement scans (from DuckDB's plan), the scope's temporary tables left out."""
    plan = con.execute(
        "explain (format json) " + sql, summary._bound(sql, summary.Scope(("99.02",)))
    ).fetchall()
    names = {t for row in plan for t in re.findall(r'"Table":\s*"((?:\\"|[^"])+)"', str(row[1]))}
    return {name.rsplit(".", 1)[-1] for name in names if "temp" not in name}


def test_every_table_a_summary_reads_has_a_scope_rule(con):
    """A write to a table a summary reads must say which summary rows it reaches (queries/summary_scope/)."""
    read = set()
    summary.prepare_scope(con, summary.Scope(("99.02",)))
    for table in summary.SUMMARY_TABLES:
        delete, select = summary.summary_statements(table)
        con.execute(rules.rules_for(delete + select, db.load_sql(db.RULES_FILE)))
        read |= _tables_read(con, select)
    # the check sees reads inside the shared rules too (round_observation, household_kpi_sums)
    assert {
        "household",
        "household_observation",
        "monitoring_round",
        "kpi_definition",
        "intervention",
    } <= read
    assert read - set(summary.SUMMARY_TABLES) - summary.scope_tables() == set()
    assert summary.scope_tables() <= {
        r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()
    }


def _summaries(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {t: con.table(t).order(", ".join(con.table(t).columns)).df() for t in summary.SUMMARY_TABLES}


def _assert_equal_to_a_full_rebuild(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        got = _summaries(con)
        con.execute("begin")
        summary.build_summaries(con)
        want = _summaries(con)
        con.execute("rollback")
    finally:
        con.close()
    for table in summary.SUMMARY_TABLES:
        pd.testing.assert_frame_equal(got[table], want[table], obj=table)


@pytest.fixture
def scopes(monkeypatch) -> list[summary.Scope]:
    """The scope each import's post-write hook rebuilt."""
    seen: list[summary.Scope] = []

    def spy(con: duckdb.DuckDBPyConnection, kind: str) -> None:
        seen.append(summary.recorded_scope(con))
        summary.rebuild_after_import(con, kind)

    monkeypatch.setattr(writer, "POST_WRITE_HOOKS", [spy])
    return seen


def _query(path: Path, sql: str, *params: object) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).df()


def _import(path: Path, kind: str, frame: pd.DataFrame) -> None:
    """Import a filled template (the table's columns) as CSV."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "ya", False: "tidak"})
    outcome = execute(
        prepare(kind, [(f"{kind}.csv", out.to_csv(index=False).encode())], path), path=path, user="uji"
    )
    assert outcome.status == "written", outcome.prepared.report.frame()


def _p3ke(desa: list[str], rows: int, replaced: list[str], seed: int) -> bytes:
    """A P3KE export of new families in desa; the first len(replaced) carry existing families' ids (they move)."""
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(desa, rows, seed=seed, sep=",", title=False)), dtype=str)
    frame.loc[: len(replaced) - 1, "ID Keluarga P3KE"] = replaced
    return frame.to_csv(index=False).encode()


def test_each_import_kind_rebuilds_its_scope_and_equals_a_full_rebuild(demo_database, tmp_path, scopes):
    path = copy_demo(tmp_path)
    # P3KE: families of 99.02 targeted by MoAs and reached move to desa of 99.03; new families in 99.05
    moved = _query(
        path,
        "select distinct t.household_id from moa_target_household as t inner join household as h using (household_id)"
        " inner join intervention as i using (household_id) where h.kabupaten_code = '99.02' order by 1 limit 6",
    )["household_id"].tolist()
    desa = _query(
        path, "select region_code from region where level = 'desa' and region_code like '99.03.%' limit 2"
    )
    new_desa = _query(
        path, "select region_code from region where level = 'desa' and region_code like '99.05.%' limit 2"
    )
    data = _p3ke(desa["region_code"].tolist(), 6, moved, seed=3)
    outcome = execute(
        prepare("p3ke", [("p3ke.csv", data)], path), accept_warnings=True, path=path, user="uji"
    )
    assert outcome.status == "written", outcome.prepared.report.frame()
    data = _p3ke(new_desa["region_code"].tolist(), 30, [], seed=4)
    assert (
        execute(prepare("p3ke", [("p.csv", data)], path), accept_warnings=True, path=path, user="uji").status
        == "written"
    )
    assert [s.kabupaten_codes for s in scopes] == [("99.02", "99.03"), ("99.05",)]
    _assert_equal_to_a_full_rebuild(path)

    # survey: one kabupaten's endline expenditure changes
    survey = _query(path, "select o.* from household_observation as o inner join household as h using (household_id) "
                          "where h.kabupaten_code = '99.04' and o.round_id = 2 order by 1 limit 40")  # fmt: skip
    survey["expenditure_rp_per_capita_day"] = survey["expenditure_rp_per_capita_day"] * 3 + 1
    _import(path, "survey", survey)
    assert scopes[-1].kabupaten_codes == ("99.04",)
    _assert_equal_to_a_full_rebuild(path)

    # interventions: given later, one moved to a household of another kabupaten and off its MoA
    given = _query(path, "select * from intervention where moa_id like 'MOA-01%' and household_id is not null "
                         "order by intervention_id limit 8")  # fmt: skip
    moas = set(given["moa_id"])
    given["given_on"] = given["given_on"] + pd.Timedelta(days=200)
    other = _query(
        path, "select household_id, desa_code from household where kabupaten_code = '99.06' limit 1"
    )
    given.loc[0, ["household_id", "desa_code"]] = other.iloc[0].tolist()
    given.loc[0, "moa_id"] = None
    _import(path, "intervention", given)
    assert set(scopes[-1].kabupaten_codes) == {"99.01", "99.06"}
    assert set(scopes[-1].moa_ids) == moas
    _assert_equal_to_a_full_rebuild(path)

    # an MoA signed later: its targets' and reached households' kabupaten
    moa = _query(path, "select * from moa where moa_id = 'MOA-0301'")
    moa["signed_on"] = moa["signed_on"] + pd.Timedelta(days=120)
    _import(path, "moa", moa)
    assert scopes[-1].moa_ids == ("MOA-0301",) and "99.03" in scopes[-1].kabupaten_codes
    _assert_equal_to_a_full_rebuild(path)

    # a partner: no summary reads it, nothing is rebuilt
    before = sha(path)
    partner = _query(path, "select * from partner order by partner_id limit 1")
    partner["description"] = "uji"
    _import(path, "partner", partner)
    assert scopes[-1].is_empty and sha(path) != before
    _assert_equal_to_a_full_rebuild(path)

    # a round's poverty line moves every household's status: everything is rebuilt
    rounds = _query(path, "select * from monitoring_round where round_id = 2")
    rounds["poverty_line_rp_per_capita_day"] = rounds["poverty_line_rp_per_capita_day"] + 900
    _import(path, "round", rounds)
    assert scopes[-1].is_everything
    _assert_equal_to_a_full_rebuild(path)


def test_an_import_that_fails_validation_leaves_the_summaries_untouched(demo_database, tmp_path, scopes):
    path = copy_demo(tmp_path)
    with duckdb.connect(str(path), read_only=True) as con:
        before, tables = sha(path), _summaries(con)
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(["99.02.01.2001"], 20, sep=",", title=False)), dtype=str)
    frame["Desil Kesejahteraan"] = "11"
    prepared = prepare("p3ke", [("p.csv", frame.to_csv(index=False).encode())], path)
    assert execute(prepared, accept_warnings=True, path=path, user="uji").status == "blocked"
    assert scopes == [] and sha(path) == before
    with duckdb.connect(str(path), read_only=True) as con:
        after = _summaries(con)
    for table in summary.SUMMARY_TABLES:
        pd.testing.assert_frame_equal(after[table], tables[table], obj=table)


def test_a_table_missing_from_the_file_is_built_whole_by_a_scoped_rebuild(demo_database, tmp_path):
    path = copy_demo(tmp_path)
    with duckdb.connect(str(path)) as con:
        want = _summaries(con)["summary_desa_did"]
        con.execute("drop table summary_desa_did")
        summary.build_summaries(con, summary.Scope(("99.02",)))
        pd.testing.assert_frame_equal(_summaries(con)["summary_desa_did"], want)


def test_writes_not_noted_rebuild_everything_and_an_empty_scope_nothing():
    con = duckdb.connect()
    assert summary.recorded_scope(con).is_everything
    summary.begin_scope(con)
    assert summary.recorded_scope(con).is_empty
    summary.build_summaries(con, summary.recorded_scope(con))  # no table read: the schema is not even there
    con.close()


def test_a_p3ke_import_on_the_national_build_equals_a_full_rebuild(national_database, tmp_path, scopes):
    """200k households, 514 kabupaten: families of one kabupaten replaced, some moved to another, new ones added."""
    path = tmp_path / "national.duckdb"
    shutil.copyfile(national_database, path)
    kabupaten = _query(path, "select kabupaten_code from moa_target_household inner join household using "
                             "(household_id) group by 1 order by count(*) desc limit 2")["kabupaten_code"].tolist()  # fmt: skip
    moved = _query(path, "select distinct t.household_id from moa_target_household as t inner join household as h using "
                         "(household_id) where h.kabupaten_code = ? order by 1 limit 20", kabupaten[0])  # fmt: skip
    desa = _query(path, "select region_code from region where level = 'desa' and region_code like ? || '.%' limit 5",
                  kabupaten[1])["region_code"].tolist()  # fmt: skip
    data = _p3ke(desa, 200, moved["household_id"].tolist(), seed=5)
    outcome = execute(
        prepare("p3ke", [("p3ke.csv", data)], path), accept_warnings=True, path=path, user="uji"
    )
    assert outcome.status == "written", outcome.prepared.report.frame()
    assert scopes[0].kabupaten_codes == tuple(sorted(kabupaten))
    _assert_equal_to_a_full_rebuild(path)
