"""Access rules (pure): scope checks, masking, small-count suppression with complements, query policies."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinergi.access.policy import (
    AccessDenied,
    QueryPolicy,
    check_request,
    make_viewer,
    mask_name,
    mask_nik,
    parse_policy,
    protect_result,
    query_policy,
    suppress_small_counts,
)
from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.common.suppressed import SMALL_COUNT, is_small_count, show_small_counts
from sinergi.common.table_export import to_csv_bytes, to_excel_bytes
from sinergi.data import db

ADMIN = make_viewer("a", "admin", None)
PLANNER = make_viewer("p", "perencana", "99.02")
CHIEF = make_viewer("k", "pimpinan", "99.02")
MONEV = make_viewer("m", "monev", None)
GUEST = make_viewer("t", "tamu", None)


def test_masks_keep_just_enough_to_recognise():
    assert mask_name("Yohanes Lamak") == "Yo***s L***"
    assert mask_name("Ani") == "A***"
    assert mask_nik("3329012345670001") == "3329********0001"
    assert mask_nik("12ab") == "****"


@pytest.mark.parametrize(
    ("viewer", "params", "ok"),
    [
        (PLANNER, {"region": "99.02"}, True),
        (PLANNER, {"region": "99.02.03"}, True),
        (PLANNER, {"region": "99"}, False),
        (PLANNER, {"region": "99.05"}, False),
        (PLANNER, {"region": "99.020"}, False),
        (PLANNER, {"region": "99.02' or 1=1 --"}, False),
        (PLANNER, {"desa_code": "99.05.01.2001"}, False),
        (PLANNER, {"parent_code": "99"}, False),
        (PLANNER, {"parent_code": "99.02"}, True),
        (CHIEF, {"region": "99.05.01"}, False),
        (MONEV, {"region": "99"}, True),
        (GUEST, {"region": "99.05"}, True),
        (None, {"region": "99"}, False),
    ],
)
def test_region_scope(viewer, params, ok):
    if ok:
        check_request(viewer, "region_by_code", params)
    else:
        with pytest.raises(AccessDenied):
            check_request(viewer, "region_by_code", params)


def test_scoped_roles_need_a_kabupaten():
    with pytest.raises(ValueError):
        make_viewer("x", "perencana", None)
    with pytest.raises(ValueError):
        make_viewer("x", "superuser", None)
    assert make_viewer("x", "monev", "99.02").scope is None


def test_suppression_hides_small_counts_and_a_complement():
    got = suppress_small_counts(pd.Series([120, 3, 0, 40, 9]))
    assert is_small_count(got[1]) and is_small_count(got[4])  # 9 is the next-smallest non-zero: complement
    assert got[0] == 120 and got[2] == 0 and got[3] == 40
    # the total minus the shown cells gives only the sum of two hidden cells
    assert got.sum() == 160


def test_suppression_complements_until_the_hidden_sum_reaches_five():
    got = suppress_small_counts(pd.Series([1, 2, 50, 60]))
    hidden = [is_small_count(v) for v in got]
    assert hidden == [True, True, True, False]


def test_suppression_leaves_large_counts_alone():
    series = pd.Series([5, 0, 12])
    assert suppress_small_counts(series) is series


def test_small_count_reads_as_less_than_five_everywhere():
    assert fmt_number(SMALL_COUNT) == "<5"
    assert fmt_pct(100 * SMALL_COUNT / 10) == "–"  # anything derived from it is unknown, not "<5"
    assert f"{SMALL_COUNT}" == "<5"
    frame = pd.DataFrame({"x_count": suppress_small_counts(pd.Series([2, 8, 30]))})
    assert show_small_counts(frame, text=False)["x_count"].tolist() == ["<5", "<5", 30]
    assert show_small_counts(frame)["x_count"].tolist() == ["<5", "<5", "30"]
    assert "<5" in to_csv_bytes(frame).decode("utf-8-sig")


def _households() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "household_id": ["A", "B"],
            "head_name": ["Yohanes Lamak", "Maria Seran"],
            "head_nik": ["9902010101900001", "9902010101900002"],
            "head_birth_on": ["1990-01-01", "1980-01-01"],
            "lon": [123.456789, 123.4],
            "lat": [-8.123456, -8.1],
            "members_count": [3, 7],
        }
    )


def test_by_name_roles_see_names_and_exact_counts():
    for viewer in (ADMIN, PLANNER):
        frame, by_name = protect_result(_households(), viewer, QueryPolicy())
        assert by_name and frame["head_nik"].tolist() == _households()["head_nik"].tolist()
        assert frame["members_count"].tolist() == [3, 7]


def test_aggregate_roles_get_masked_identities_and_suppressed_counts():
    for viewer in (CHIEF, MONEV):
        frame, by_name = protect_result(_households(), viewer, QueryPolicy())
        assert not by_name
        assert frame["head_name"].tolist() == ["Yo***s L***", "Ma***a S***"]
        assert frame["head_nik"].tolist() == ["9902********0001", "9902********0002"]
        assert frame["head_birth_on"].isna().all()
        assert frame["lon"].tolist() == [123.46, 123.4]
        assert is_small_count(frame["members_count"][0])


def test_guest_gets_no_personal_columns():
    frame, _ = protect_result(_households(), GUEST, QueryPolicy())
    assert {"head_name", "head_nik", "head_birth_on"}.isdisjoint(frame.columns)
    assert frame["lat"].tolist() == [-8.12, -8.1]


def test_policy_header_declares_counts_groups_and_admin_only():
    policy = parse_policy(
        "-- what it returns\n-- privacy: small-counts=a_count,b_count; personal=x; groups=g; admin-only\nselect 1"
    )
    assert policy == QueryPolicy(frozenset({"a_count", "b_count"}), frozenset({"x"}), ("g",), True)
    assert parse_policy("-- privacy: small-counts=none (agreements)\n").small_counts == frozenset()
    frame = pd.DataFrame({"g": ["x", "x", "y", "y"], "a_count": [2, 10, 20, 30], "moa_count": [1, 1, 1, 1]})
    got, _ = protect_result(frame, MONEV, policy)
    assert [is_small_count(v) for v in got["a_count"]] == [True, True, False, False]
    assert got["moa_count"].tolist() == [1, 1, 1, 1]


def test_admin_only_query_refused_to_others(monkeypatch):
    monkeypatch.setattr("sinergi.access.policy.query_policy", lambda name: QueryPolicy(admin_only=True))
    check_request(ADMIN, "anything", {})
    with pytest.raises(AccessDenied):
        check_request(MONEV, "anything", {})


def test_every_household_query_takes_a_region():
    # access control relies on $region: a query reading household rows without it must be admin-only
    for name in db.query_names():
        sql = db.load_sql(name)
        if "household" in sql and "admin-only" not in sql:
            assert "region" in db.sql_parameters(sql), (
                f"queries/{name}.sql reads households without $region: add $region, or `-- privacy: admin-only`"
            )


def test_registry_keeps_admin_pages_admin_only():
    from sinergi.ui.pages import PAGES, page_roles, pages_for

    assert page_roles("kelola") == page_roles("audit") == ("admin",)
    assert all(spec.roles == ("admin",) for spec in PAGES if spec.file == "pages/data_management.py")
    assert {s.key for s in pages_for("tamu")}.isdisjoint({"kelola", "audit", "akun"})
    assert next(s for s in PAGES if s.default).roles == ("admin", "perencana", "pimpinan", "monev", "tamu")
    assert pages_for(None) == PAGES


def test_exports_carry_the_suppression():
    raw = db.run_query("extreme_poor_by_child_region", region="99.01.10", round_id=2)
    frame, _ = protect_result(raw, MONEV, query_policy("extreme_poor_by_child_region"))
    csv = to_csv_bytes(frame).decode("utf-8-sig")
    assert "<5" in csv
    for line in csv.splitlines()[1:]:
        counts = line.split(";")[3:]
        assert all(c in ("<5", "0") or int(c) >= 5 for c in counts), line
    assert to_excel_bytes(frame, note="x").startswith(b"PK")


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=30))
def test_suppression_properties(counts):
    got = suppress_small_counts(pd.Series(counts))
    hidden = [is_small_count(v) for v in got]
    shown = [c for c, h in zip(counts, hidden, strict=True) if not h]
    assert not any(0 < c < 5 for c in shown)
    if any(hidden):
        hidden_sum = sum(c for c, h in zip(counts, hidden, strict=True) if h)
        exhausted = all(c == 0 for c in shown)
        assert (sum(hidden) >= 2 and hidden_sum >= 5) or exhausted
        assert all(c > 0 for c, h in zip(counts, hidden, strict=True) if h)
