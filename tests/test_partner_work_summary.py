"""Koordinasi's "at work" from summary_desa_partner_work on the cases that decide whether a partner's CSR or
collaboration work counts on a date: given exactly two years before (a 29 February included), an MoA signed after the
work was given (more than two years after: never), a draft MoA, an MoA the registry does not hold, interventions that
join into one unbroken run and one that does not, and rows actors_at_work leaves out (bansos, no partner, no
sector). On every day one of them starts or stops counting (and the days beside it) actors_by_area_sector and
sector_need_by_desa equal their references on the intervention rows (tests/reference/); tests/test_summary.py
compares them on the whole demo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
from importer_helpers import copy_demo

from sinergi.data import db, rules, summary

REFERENCE = Path(__file__).parent / "reference"
PARTNER, NAME = "UJI-MITRA", "Mitra Uji Kerja"
LATE = date(2024, 2, 29)  # UJI-LATE signed on a 29 February
# (source, sector, partner, moa, given on)
GIVEN = [
    ("csr", "pangan", PARTNER, None, date(2020, 2, 28)),  # counts up to 28 Feb 2022
    ("csr", "pangan", PARTNER, None, date(2022, 3, 1)),  # the next day on: a run of its own
    ("kolaborasi", "energi", PARTNER, "UJI-LATE", date(2022, 2, 28)),  # one day: 29 Feb 2024
    ("kolaborasi", "energi", PARTNER, "UJI-LATE", date(2021, 1, 1)),  # signed over two years later: never
    ("csr", "kesehatan", PARTNER, None, date(2023, 1, 10)),  # these three: one run to 1 March 2027
    ("csr", "kesehatan", PARTNER, None, date(2024, 6, 1)),
    ("kolaborasi", "kesehatan", PARTNER, None, date(2025, 3, 1)),
    ("csr", "umkm", PARTNER, "UJI-DRAFT", date(2024, 1, 1)),  # a draft: never
    ("csr", "umkm", PARTNER, "UJI-NONE", date(2024, 1, 1)),  # not in the registry: never
    ("bansos", "umkm", PARTNER, None, date(2024, 1, 1)),  # not a partner's work
    ("csr", "umkm", None, None, date(2024, 1, 1)),
    ("csr", None, PARTNER, None, date(2024, 1, 1)),
]


def _run(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> pd.DataFrame:
    cursor = con.cursor()
    if shared := rules.rules_for(sql, db.load_sql(db.RULES_FILE)):
        cursor.execute(shared)
    return cursor.execute(sql, {k: params[k] for k in db.sql_parameters(sql)}).df()


def _add_cases(con: duckdb.DuckDBPyConnection) -> str:
    """Give the cases to one desa of the demo (a new partner, two new MoAs); return the desa."""
    desa = con.execute(
        "select region_code from region where level = 'desa' order by region_code limit 1"
    ).fetchone()[0]
    con.execute(
        "insert into partner select ?, ?, partner_type, kabupaten_code, null, description, contact_email "
        "from partner where hub_role is null limit 1",
        [PARTNER, NAME],
    )
    for moa_id, status, signed in [("UJI-LATE", "aktif", LATE), ("UJI-DRAFT", "draft", None)]:
        con.execute(
            "insert into moa select ?, 'N-' || ?, title, kabupaten_code, scope, resources, action_plan, ?, ?, "
            "started_on, ended_on, null, null, null, current_stage_no from moa limit 1",
            [moa_id, moa_id, status, signed],
        )
    for n, (source, sector, partner, moa_id, on) in enumerate(GIVEN):
        con.execute(
            "insert into intervention values (?, ?, 'tingkatkan_pendapatan', 'uji', ?, ?, ?, null, ?, ?, 1000)",
            [f"UJI-{n}", source, sector, partner, moa_id, desa, on],
        )
    return desa


def _days() -> list[date]:
    """Each day a case starts to count and the day before; each day one stops and the day after; the as-of date."""
    starts = {on for *_, on in GIVEN} | {LATE}
    # the last day of a run: the day two years after its latest given_on (29 February: the 29th again or the 28th)
    stops = {date(on.year + 2, on.month, on.day - (on.month == 2 and on.day == 29)) for on in starts}
    stops |= {date(2024, 2, 29), date(2024, 3, 1), date(2027, 3, 1)}
    days = {d - timedelta(days=1) for d in starts} | starts | stops | {d + timedelta(days=1) for d in stops}
    return sorted(days | {date(2026, 10, 31)})


def test_partner_work_equals_the_intervention_rows_on_the_days_each_case_starts_and_stops(tmp_path):
    path = copy_demo(tmp_path)
    con = duckdb.connect(str(path))
    desa = _add_cases(con)
    summary.prepare_scope(con, summary.EVERYTHING)
    summary.rebuild_table(con, "summary_desa_partner_work")  # the only summary the cases enter
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    try:
        regions = {"actors_by_area_sector": [desa[:8], desa[:2]], "sector_need_by_desa": [desa[:8]]}
        for name, places in regions.items():
            moved, reference = db.load_sql(name), (REFERENCE / f"{name}.sql").read_text()
            for as_of in _days():
                for region in places:
                    params = {"region": region, "as_of": as_of, "gaps_only": False}
                    got, want = _run(con, moved, **params), _run(con, reference, **params)
                    if name == "sector_need_by_desa":
                        want = want.sort_values(["sector_code", "need_rank", "desa_code"], ignore_index=True)
                    pd.testing.assert_frame_equal(got, want, obj=f"{name} {region} {as_of}")

        def sectors_at_work(as_of: date) -> set[str]:
            rows = _run(con, db.load_sql("actors_by_area_sector"), region=desa[:8], as_of=as_of)
            mine = rows[(rows["area_code"] == desa) & rows["actor_names"].str.contains(NAME)]
            return set(mine["sector_code"])

        # the cases count: the one-day run on 29 February, the adjoining runs, the merged run to 1 March 2027
        assert sectors_at_work(date(2024, 2, 28)) == {"pangan", "kesehatan"}
        assert sectors_at_work(LATE) == {"pangan", "energi", "kesehatan"}
        assert sectors_at_work(date(2024, 3, 2)) == {"kesehatan"}
        assert sectors_at_work(date(2022, 2, 28)) == {"pangan"} == sectors_at_work(date(2022, 3, 1))
        assert sectors_at_work(date(2027, 3, 1)) == {"kesehatan"}
        assert sectors_at_work(date(2027, 3, 2)) == set()
        rows = con.execute(
            "select count(*) from summary_desa_partner_work where partner_id = ?", [PARTNER]
        ).fetchone()[0]
        assert rows == 5  # pangan 2, energi 2 (one never counts), kesehatan 1
    finally:
        con.close()
