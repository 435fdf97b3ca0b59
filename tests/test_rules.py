"""The shared SQL rules of queries/macros.sql: their coded lists equal the vocabulary, each rule on small cases, and
sinergi.data.rules creates exactly the rules a query needs (the rules against the demo: tests/test_rules_demo.py)."""

from datetime import date

import duckdb
import pytest

from sinergi.common import vocabulary
from sinergi.data import db, rules, summary

AS_OF = date(2026, 11, 28)


@pytest.fixture
def mem() -> duckdb.DuckDBPyConnection:
    """An empty database with the schema, the (empty) summary tables and the shared rules, some of which read them."""
    con = duckdb.connect()
    con.execute(db.load_sql("schema"))
    summary.build_summaries(con)
    con.execute(db.load_sql(db.RULES_FILE))
    yield con
    con.close()


def _moa(con, moa_id, status, started, ended, signed="2024-01-01", decision=None, decided=None):
    con.execute(
        "insert into moa values (?, ?, 't', '99.01', 's', 'r', 'a', ?, ?, ?, ?, null, ?, ?, 5)",
        [moa_id, f"N-{moa_id}", status, signed, started, ended, decision, decided],
    )


@pytest.mark.parametrize(
    ("macro", "domain", "members"),
    [
        ("is_signed_status", "moa_status", vocabulary.SIGNED_STATUSES),
        ("is_open_status", "moa_status", vocabulary.OPEN_STATUSES),
        (
            "is_valid_household",
            "verification_status",
            tuple(set(vocabulary.VERIFICATION_STATUSES) - {"tidak_valid"}),
        ),
    ],
)
def test_coded_lists_equal_the_vocabulary(mem, macro, domain, members):
    codes = vocabulary.codes(domain)
    got = {c for c in codes if mem.execute(f"select {macro}(?)", [c]).fetchone()[0]}  # macro: a fixed name
    assert got == set(members)


def test_verified_target_is_decile_one_and_the_verified_statuses(mem):
    got = {
        s
        for s in vocabulary.VERIFICATION_STATUSES
        if mem.execute("select is_verified_target(true, ?)", [s]).fetchone()[0]
    }
    assert got == set(vocabulary.VERIFIED_STATUSES)
    assert not mem.execute("select is_verified_target(false, 'valid')").fetchone()[0]


def test_region_scope(mem):
    q = lambda code, region: mem.execute("select in_region(?, ?)", [code, region]).fetchone()[0]  # noqa: E731
    assert q("99.02.01.2001", "99.02") and q("99.02", "99.02") and q("99.02.01", "99")
    assert not q("99.021", "99.02") and not q("99", "99.02")
    assert mem.execute("select region_overlaps('99.02', '99.02.01')").fetchone()[0]


def test_moa_state_on_a_date(mem):
    _moa(mem, "A", "aktif", "2025-01-01", "2027-02-26")  # 90 days left: ending soon
    _moa(mem, "B", "aktif", "2025-01-01", "2027-02-27")  # 91 days left: active only
    _moa(mem, "C", "diperpanjang", "2025-01-01", "2026-11-28")  # ends on the date: still active
    _moa(mem, "D", "berakhir", "2024-01-01", "2026-08-31")  # ended, no decision
    _moa(mem, "E", "berakhir", "2024-01-01", "2026-02-19", decision="diperpanjang", decided="2026-01-30")
    _moa(mem, "F", "dihentikan", "2024-01-01", "2026-06-16", decision="dihentikan", decided="2026-05-27")
    _moa(mem, "G", "draft", "2027-01-01", "2028-01-01", signed=None)
    _moa(mem, "H", "aktif", "2025-01-01", "2026-11-01")  # still marked running after its end: undecided
    _moa(
        mem, "I", "aktif", "2026-12-01", "2027-12-01", signed="2026-12-01"
    )  # signed after the date: not signed
    _moa(mem, "J", "berakhir", "2024-01-01", "2026-08-01", decision="diperpanjang", decided="2026-12-15")
    got = mem.execute(
        "select moa_id, is_signed, is_active, is_ending_soon, is_ended_undecided from moa_as_of(?) order by 1",
        [AS_OF],
    ).fetchall()
    flags = {row[0]: row[1:] for row in got}
    assert flags == {
        "A": (True, True, True, False),
        "B": (True, True, False, False),
        "C": (True, True, True, False),
        "D": (True, False, False, True),
        "E": (True, False, False, False),
        "F": (False, False, False, False),
        "G": (False, False, False, False),
        "H": (True, False, False, True),
        "I": (False, False, False, False),
        "J": (True, False, False, True),  # decided only after the date
    }


def test_counted_interventions_and_the_round_date(mem):
    _moa(mem, "S", "aktif", "2025-01-01", "2027-01-01")
    _moa(mem, "D", "draft", "2027-01-01", "2028-01-01", signed=None)
    given = [
        ("1", None, "2026-05-01"),
        ("2", None, "2026-12-01"),
        ("3", "S", "2026-05-01"),
        ("4", "D", "2026-05-01"),
    ]
    for iid, moa_id, on in given:
        mem.execute(
            "insert into intervention values (?, 'kolaborasi', 'kurangi_beban', 'p', null, null, ?, 'H', '99.01.01.2001', ?, 1)",
            [iid, moa_id, on],
        )
    counted = mem.execute("select intervention_id from interventions_as_of(?) order by 1", [AS_OF]).fetchall()
    assert [r[0] for r in counted] == ["1", "3"]  # not after the date, not under a draft
    mem.execute(
        "insert into monitoring_round values (1, 'b', 'B', 'B', date '2025-02-01', date '2025-03-28', 1, null)"
    )
    assert mem.execute("select round_as_of(1, ?)", [AS_OF]).fetchone()[0] == date(2025, 3, 28)
    assert mem.execute("select round_as_of(1, date '2025-03-01')").fetchone()[0] == date(2025, 3, 1)


def test_a_query_gets_the_rules_it_uses_and_those_they_use():
    shared = db.load_sql(db.RULES_FILE)
    defined = rules.rules(shared)
    assert list(defined)[:2] == ["in_region", "region_overlaps"]
    assert rules.rules_for("select 1", shared) == ""
    text = rules.rules_for("select * from signed_target($as_of) -- not in_region", shared)
    names = [n for n in defined if f" {n}(" in text or f" {n} as" in text]
    assert names == ["is_signed_status", "moa_as_of", "signed_target"]  # in file order, comments ignored


def test_moa_kabupaten_counts_target_desa_in_another_kabupaten(mem):
    _moa(mem, "A", "aktif", "2025-01-01", "2027-01-01")  # its kabupaten is 99.01
    mem.execute(
        "insert into region values ('99.02.01.2001', '9902012001', 'desa', 'desa', 'd', '99.02.01', '99.02', "
        "'99.02.01', 1, 0, 0, null, null, null, ''::blob, '')"
    )
    mem.execute("insert into moa_target_desa values ('A', '99.02.01.2001')")
    assert sorted(mem.execute("select kabupaten_code from moa_kabupaten()").fetchall()) == [
        ("99.01",),
        ("99.02",),
    ]
    assert mem.execute("select moa_id from moa_in_region('99.02')").fetchall() == [("A",)]
