"""The per-desa summary tables the aggregate screens read instead of the household rows.

Each table is one statement in queries/summary/<table>.sql (households by status and decile, survey counts per
round, reach by date, KPI amounts per MoA and per target date, panel transitions per pair of rounds). They are built
from the household tables by `build_summaries`, the one builder used by the demo generators (province and national)
and by the importer inside its transaction (a post-write hook), so an import never leaves them stale. None of them
holds an as-of date: a figure "on $as_of" is a filter on a stored date (reached_on, targeted_on), so the screens'
results equal the same computation on the household rows for every date (tests/test_summary.py).
"""

from __future__ import annotations

import duckdb

from sinergi.data import db, rules

SUMMARY_DIR = db.QUERIES_DIR / "summary"
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


def summary_sql(table: str) -> str:
    """Return the statement that (re)builds a summary table."""
    if table not in SUMMARY_TABLES:
        raise ValueError(f"unknown summary table: {table!r}")
    return (SUMMARY_DIR / f"{table}.sql").read_text(encoding="utf-8")


def build_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build every summary table on a writable connection, inside the caller's transaction if it has one."""
    rules_sql = db.load_sql(db.RULES_FILE)
    for table in SUMMARY_TABLES:
        sql = summary_sql(table)
        # the shared rules are temporary objects of this connection, as for a query (sinergi.data.rules)
        if shared := rules.rules_for(sql, rules_sql):
            con.execute(shared)
        con.execute(sql)


def rebuild_after_import(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Post-write hook of the importer (sinergi.data.importers.writer): rebuild the summaries from the written rows."""
    build_summaries(con)
