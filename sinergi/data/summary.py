"""The per-desa summary tables the aggregate screens read instead of the household rows.

Each table is defined in queries/summary/<table>.sql (households by status and decile, survey counts per round, reach
by date, KPI amounts per MoA and per target date, panel transitions per pair of rounds). They are built from the
household tables by `build_summaries`, the one builder used by the demo generators (province and national) and by
the importer inside its transaction (a post-write hook), so an import never leaves them stale. None of them holds an
as-of date: a figure "on $as_of" is a filter on a stored date (reached_on, targeted_on), so the screens' results
equal the same computation on the household rows for every date (tests/test_summary.py).

The contract of a summary table: an import rebuilds only the rows it can change
--------------------------------------------------------------------------------
queries/summary/<table>.sql holds two statements separated by `;` at a line end, both bound to the scope:

1. `delete from <table> where <scope rule>`: the rows of the scope;
2. `select ...`: the same rows recomputed, in the table's order (order by), the scope rule applied on the
   household side (and on any large table joined by household, e.g. intervention, so it is not read whole).

The scope is bound, never written into the SQL: `$kabupaten_codes` (a list; null = every kabupaten, the full build)
is the one parameter. A row's kabupaten is its household's. Pick the rule (queries/macros.sql) by the table's key:

- rows with a kabupaten_code column (per desa, kecamatan or kabupaten; also MoA x desa):
  `in_summary_scope(kabupaten_code, $kabupaten_codes)`;
- rows keyed by household_id alone: `in_summary_household_scope(household_id, $kabupaten_codes)`;
- rows keyed by moa_id with no region: `in_summary_moa_scope(moa_id, $kabupaten_codes)`. An MoA's rows add up its
  targets in every kabupaten, so the MoAs in scope (those the import wrote or reached, and those targeting a household
  of a kabupaten in scope) are recomputed whole.

The builder lists the scope's households and MoAs in temporary tables first (prepare_scope,
queries/summary_scope/_prepare.sql), so the two last rules join large tables onto a small one. List the table in
SUMMARY_TABLES after the summary tables it reads. Every base table a summary statement reads needs
queries/summary_scope/<table>.sql: with the written rows as `incoming`, it adds to `summary_rebuild_scope` the
kabupaten codes and MoA ids that rows with those keys reach (or is_everything: a full rebuild). The importer runs it
before and after each write (sinergi.data.importers.writer.apply_rows), so both the rows replaced and the rows written
count. tests/test_summary_scope.py fails for a summary table or a base table that does not follow this.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from sinergi.data import db, rules

SUMMARY_DIR = db.QUERIES_DIR / "summary"
SCOPE_DIR = db.QUERIES_DIR / "summary_scope"
# build order: summary_household_reach and summary_household_target are read by the tables after them
SUMMARY_TABLES: tuple[str, ...] = (
    "summary_desa_household",
    "summary_desa_round",
    "summary_household_reach",
    "summary_desa_reach",
    "summary_household_target",
    "summary_moa_target",
    "summary_moa_reach",
    "summary_moa_transition",
    "summary_moa_kpi",
    "summary_target_kpi",
    "summary_desa_transition",
)
# Perpindahan by sector, Banding (DiD inputs) and Anggaran (cost per household and per program); they read
# summary_household_target, built above
SUMMARY_TABLES += (
    "summary_desa_transition_sector",
    "summary_desa_did",
    "summary_kabupaten_cost_reach",
    "summary_kabupaten_bansos",
    "summary_kabupaten_program_reach",
)
# Intervensi: coverage per source, sector and strategy, and overlaps of sources, for any date
SUMMARY_TABLES += ("summary_desa_intervention_reach", "summary_desa_intervention_overlap")
# Koordinasi: the days each partner's CSR and collaboration work counts per desa and sector (actors_at_work)
SUMMARY_TABLES += ("summary_desa_partner_work",)
# Koordinasi: each desa's need per sector and its rank in the kabupaten (sector_need_by_desa); reads
# summary_desa_household, built above
SUMMARY_TABLES += ("summary_desa_need",)
SCOPE_PARAMETERS = frozenset({"kabupaten_codes"})  # what a summary statement binds


@dataclass(frozen=True)
class Scope:
    """The summary rows a rebuild recomputes: those of the kabupaten listed (None: every one) and of the MoAs."""

    kabupaten_codes: tuple[str, ...] | None = None
    moa_ids: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return self.kabupaten_codes is None

    @property
    def is_empty(self) -> bool:
        return self.kabupaten_codes == () and not self.moa_ids

    def parameters(self) -> dict[str, object]:
        codes = None if self.kabupaten_codes is None else list(self.kabupaten_codes)
        return {"kabupaten_codes": codes, "moa_ids": list(self.moa_ids)}


EVERYTHING = Scope()


def _statements(text: str) -> list[str]:
    parts = (s for s in text.split(";\n") if s.strip())
    return [
        s for s in parts if any(line.strip() and not line.strip().startswith("--") for line in s.splitlines())
    ]


def summary_sql(table: str) -> str:
    """Return the text of a summary table's file (its delete and select statements)."""
    if table not in SUMMARY_TABLES:
        raise ValueError(f"unknown summary table: {table!r}")
    return (SUMMARY_DIR / f"{table}.sql").read_text(encoding="utf-8")


def summary_statements(table: str) -> tuple[str, str]:
    """Return (delete, select) of a summary table: the rows of a scope, removed and recomputed."""
    statements = _statements(summary_sql(table))
    if len(statements) != 2:
        raise ValueError(f"{table}: expected a delete and a select statement, found {len(statements)}")
    delete, select = statements
    return delete, select


def _bound(sql: str, scope: Scope) -> dict[str, object]:
    return {k: v for k, v in scope.parameters().items() if k in db.sql_parameters(sql)}


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Return True when the connection's database has the table."""
    try:
        con.table(table)
    except duckdb.CatalogException:
        return False
    return True


def prepare_scope(con: duckdb.DuckDBPyConnection, scope: Scope) -> None:
    """List the households and MoAs of the scope in temporary tables the scope rules read (before rebuild_table)."""
    text = _scope_sql("_prepare")
    if shared := rules.rules_for(text, db.load_sql(db.RULES_FILE)):
        con.execute(shared)
    for sql in _statements(text):
        con.execute(sql, _bound(sql, scope))


def rebuild_table(con: duckdb.DuckDBPyConnection, table: str, scope: Scope = EVERYTHING) -> None:
    """Delete a summary table's rows of the scope and insert them recomputed (create the table when missing); the
    scope's households and MoAs are listed first (prepare_scope)."""
    delete, select = summary_statements(table)
    # the shared rules are temporary objects of this connection, as for a query (sinergi.data.rules)
    if shared := rules.rules_for(delete + "\n" + select, db.load_sql(db.RULES_FILE)):
        con.execute(shared)
    # relational API: the table is named as an identifier, no SQL text is built
    if not table_exists(con, table):
        # a table new to this file (built before the table existed): every row, whatever the scope
        con.sql(select, params=_bound(select, EVERYTHING)).create(table)
        return
    rows = con.sql(select, params=_bound(select, scope))
    if con.table(table).columns != rows.columns:
        raise ValueError(
            f"{table} has columns {con.table(table).columns}; its statement makes {rows.columns}"
        )
    con.execute(delete, _bound(delete, scope))
    rows.insert_into(table)


def build_summaries(con: duckdb.DuckDBPyConnection, scope: Scope = EVERYTHING) -> None:
    """(Re)build the summary rows of a scope (default: all of them) on a writable connection, inside the caller's
    transaction if it has one."""
    if scope.is_empty:
        return
    prepare_scope(con, scope)
    for table in SUMMARY_TABLES:
        rebuild_table(con, table, scope)


def _scope_sql(name: str) -> str:
    return (SCOPE_DIR / f"{name}.sql").read_text(encoding="utf-8")


def scope_tables() -> frozenset[str]:
    """Return the base tables with a scope rule (queries/summary_scope/<table>.sql)."""
    return frozenset(p.stem for p in SCOPE_DIR.glob("*.sql") if not p.stem.startswith("_"))


def begin_scope(con: duckdb.DuckDBPyConnection) -> None:
    """Start noting the summary rows this connection's writes reach (nothing yet; idempotent)."""
    con.execute(_scope_sql("_begin"))


def record_write(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Note in summary_rebuild_scope the summary rows that rows of table sharing a key with `incoming` reach.

    Called by the importer before and after every write (the rows replaced, the rows written). A table no summary
    reads has no scope rule: the write is noted, and reaches no summary row.
    """
    begin_scope(con)
    if table in scope_tables():
        sql = _scope_sql(table)
        if shared := rules.rules_for(sql, db.load_sql(db.RULES_FILE)):
            con.execute(shared)
        con.execute(sql)


def recorded_scope(con: duckdb.DuckDBPyConnection) -> Scope:
    """Return the scope the writes of this connection's transaction noted; everything when none was noted (the
    writes did not go through the importer's apply_rows, so what they reach is unknown)."""
    try:
        row = con.execute(_scope_sql("_read")).fetchone()
    except duckdb.CatalogException:
        return EVERYTHING
    assert row is not None  # an aggregate without group by returns one row
    is_everything, kabupaten_codes, moa_ids = row
    return EVERYTHING if is_everything else Scope(tuple(kabupaten_codes), tuple(moa_ids))


def rebuild_after_import(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Post-write hook of the importer (sinergi.data.importers.writer): rebuild the summary rows the import's writes
    can change (every row when a write reaches them all, e.g. a monitoring round)."""
    build_summaries(con, recorded_scope(con))
