"""Intervensi's summaries (summary_desa_intervention_reach, summary_desa_intervention_overlap) on the cases that decide
when an intervention counts: several sources on one day, an MoA signed after the intervention was given, a draft MoA,
an MoA the registry does not hold, a source given again later. On every date where one of them starts to count (and
the day before), coverage and overlap equal their references on the household and intervention rows
(tests/reference/intervention_*.sql); tests/test_summary.py compares them on the whole demo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
from conftest import DEMO_ROUND
from importer_helpers import copy_demo

from sinergi.data import db, rules, summary

REFERENCE = Path(__file__).parent / "reference"
TABLES = ("summary_desa_intervention_reach", "summary_desa_intervention_overlap")
SIGNED_LATE, DRAFT = date(2025, 8, 1), None
# (source, sector, strategy, moa, given on, amount)
GIVEN = [
    ("bansos", None, "kurangi_beban", None, date(2025, 6, 10), 100),
    ("csr", "pangan", "tingkatkan_pendapatan", None, date(2025, 6, 10), 200),
    ("kolaborasi", "umkm", "tingkatkan_pendapatan", "UJI-LATE", date(2025, 7, 1), 300),
    ("program_opd", "energi", "kurangi_beban", "UJI-DRAFT", date(2025, 7, 1), 400),
    ("dana_desa", None, "kantong_kemiskinan", "UJI-NONE", date(2025, 7, 1), 500),
    ("csr", "pangan", "kurangi_beban", None, date(2025, 9, 1), 600),
]


def _run(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> pd.DataFrame:
    cursor = con.cursor()
    if shared := rules.rules_for(sql, db.load_sql(db.RULES_FILE)):
        cursor.execute(shared)
    return cursor.execute(sql, {k: params[k] for k in db.sql_parameters(sql)}).df()


def _add_cases(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """Give the edge cases to two verified targets of one desa; return the desa and its kabupaten."""
    targets = con.execute(
        "select household_id, desa_code, kabupaten_code from household "
        "where is_verified_target(is_extreme_poor, verification_status) order by household_id limit 2"
    ).fetchall()
    for moa_id, status, signed in [("UJI-LATE", "aktif", SIGNED_LATE), ("UJI-DRAFT", "draft", DRAFT)]:
        con.execute(
            "insert into moa select ?, 'N-' || ?, title, kabupaten_code, scope, resources, action_plan, ?, ?, "
            "started_on, ended_on, null, null, null, current_stage_no from moa limit 1",
            [moa_id, moa_id, status, signed],
        )
    for n, (household_id, desa_code, _) in enumerate(targets):
        for k, (source, sector, strategy, moa_id, on, amount) in enumerate(GIVEN[n:]):
            con.execute(
                "insert into intervention values (?, ?, ?, 'uji', ?, null, ?, ?, ?, ?, ?)",
                [f"UJI-{n}-{k}", source, strategy, sector, moa_id, household_id, desa_code, on, amount],
            )
    return targets[0][1], targets[0][2]


def test_coverage_and_overlap_equal_the_rows_on_the_days_each_case_starts_to_count(tmp_path):
    path = copy_demo(tmp_path)
    con = duckdb.connect(str(path))
    con.execute(rules.rules_for("is_verified_target", db.load_sql(db.RULES_FILE)))
    desa, kabupaten = _add_cases(con)
    summary.prepare_scope(con, summary.EVERYTHING)
    for table in TABLES:  # the other summaries do not enter these two figures but for the targets, unchanged
        summary.rebuild_table(con, table)
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    days = sorted({d for _, _, _, _, d, _ in GIVEN} | {SIGNED_LATE})
    dates = sorted({d + timedelta(days=k) for d in days for k in (-1, 0)} | {date(2026, 10, 31)})
    regions = [desa, desa[:8], kabupaten, kabupaten[:2]]
    try:
        for name in ["intervention_coverage", "intervention_overlap"]:
            moved, reference = db.load_sql(name), (REFERENCE / f"{name}.sql").read_text()
            for as_of in dates:
                for region in regions:
                    params = {"region": region, "as_of": as_of, "round_id": DEMO_ROUND}
                    got, want = _run(con, moved, **params), _run(con, reference, **params)
                    pd.testing.assert_frame_equal(got, want, obj=f"{name} {region} {as_of}")
        # the cases count: on the day the late MoA is signed the first target has three sources
        overlap = _run(
            con, db.load_sql("intervention_overlap"), region=desa, as_of=SIGNED_LATE, round_id=DEMO_ROUND
        )
        before = _run(
            con,
            db.load_sql("intervention_overlap"),
            region=desa,
            as_of=SIGNED_LATE - timedelta(days=1),
            round_id=DEMO_ROUND,
        )
        assert not overlap.equals(before)
    finally:
        con.close()
