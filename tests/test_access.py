"""Access rules (pure): scope checks, masking, protected counts, household rows, query policies."""

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_ROUND
from hypothesis import given
from hypothesis import strategies as st

from sinergi.access.policy import (
    AccessDenied,
    QueryPolicy,
    check_request,
    make_viewer,
    mask_name,
    parse_policy,
    protect_result,
    query_policy,
)
from sinergi.common.fmt import fmt_number, fmt_total
from sinergi.common.suppressed import (
    Count,
    breakdown_share,
    breakdown_value,
    display_values,
    is_small_count,
    show_counts,
    total_value,
)
from sinergi.common.table_export import to_csv_bytes, to_excel_bytes
from sinergi.data import db
from sinergi.monitoring.analysis import left_behind_by_desa

ADMIN = make_viewer("a", "admin", None)
PLANNER = make_viewer("p", "perencana", "99.02")
CHIEF = make_viewer("k", "pimpinan", "99.02")
MONEV = make_viewer("m", "monev", None)
GUEST = make_viewer("t", "tamu", None)


def test_masks_keep_just_enough_to_recognise():
    assert mask_name("Yohanes Lamak") == "Yo***s L***"
    assert mask_name("Ani") == "A***"


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


def test_breakdown_cells_round_to_five_and_hide_one_to_four():
    shown = [breakdown_value(Count(v)) for v in [0, 1, 4, 5, 7, 8, 12, 13, 1234]]
    assert shown == [0, None, None, 5, 5, 10, 10, 15, 1235]
    assert [breakdown_value(Count(v, exact=True)) for v in [1, 7]] == [
        1,
        7,
    ]  # by-name roles see them as they are


def test_headline_figures_are_exact_or_less_than_five():
    assert [total_value(Count(v)) for v in [0, 3, 5, 933]] == [0, None, 5, 933]
    assert fmt_total(Count(1)) == "<5" and fmt_total(Count(1273)) == "1.273"
    assert fmt_number(Count(1273)) == "1.275"  # the same count in a breakdown cell


def test_arithmetic_uses_the_true_values_and_stays_protected():
    cells = pd.Series([Count(1), Count(3), Count(40)], dtype=object)
    total = cells.sum()
    assert fmt_total(total) == "44" and is_small_count(total - Count(40))  # a difference of 4 still reads <5
    assert cells.max() == 40 and sorted(cells)[0] == 1  # ranks and sorts on the truth
    assert Count(3) + 0 == 3 and not Count(0)


def test_a_protected_count_cannot_leave_as_a_number():
    for escape in (int, float, lambda c: pd.Series([c]).astype(int), lambda c: __import__("json").dumps(c)):
        with pytest.raises(TypeError):
            escape(Count(3))
    assert str(Count(3)) == f"{Count(3)}" == repr(Count(3)) == "<5"
    assert pd.isna(display_values(pd.Series([Count(2)], dtype=object))[0])


def test_tables_and_exports_show_the_protected_values():
    frame = pd.DataFrame(
        {"x_count": pd.Series([Count(2), Count(8), Count(30)], dtype=object), "y": [1, 2, 3]}
    )
    assert show_counts(frame, text=False)["x_count"].tolist() == ["<5", 10, 30]
    assert show_counts(frame)["x_count"].tolist() == ["<5", "10", "30"]
    csv = to_csv_bytes(frame).decode("utf-8-sig")  # a download writes the table as the screen does
    assert csv.splitlines()[1:] == ["<5;1", "10;2", "30;3"]  # 2 reads <5, 8 reads 10


def test_breakdown_shares_never_give_a_small_count_back():
    assert breakdown_share(Count(14), Count(15)) is None  # 1 left out
    assert breakdown_share(Count(2), Count(40)) is None  # 2 in it
    assert breakdown_share(Count(56), Count(60)) is None
    assert breakdown_share(Count(30), Count(60)) == 50.0
    assert breakdown_share(Count(59), Count(100)) == 60.0
    assert breakdown_share(Count(94), Count(100)) == 95.0
    assert breakdown_share(Count(14, True), Count(15, True)) == pytest.approx(93.33, abs=0.01)
    assert breakdown_share(Count(0), Count(15)) == 0.0 and breakdown_share(Count(0), Count(0)) is None


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
        assert show_counts(frame)["members_count"].tolist() == [3, 7]


def test_aggregate_roles_get_masked_identities_and_protected_counts():
    for viewer in (CHIEF, MONEV):
        frame, by_name = protect_result(_households(), viewer, QueryPolicy())
        assert not by_name
        assert frame["head_name"].tolist() == ["Yo***s L***", "Ma***a S***"]
        assert frame["head_nik"].tolist() == ["990201**********", "990201**********"]
        assert frame["head_birth_on"].isna().all()
        assert frame["lon"].tolist() == [123.46, 123.4]
        assert is_small_count(frame["members_count"][0])


def test_guest_gets_no_personal_columns():
    frame, _ = protect_result(_households(), GUEST, QueryPolicy())
    assert {"head_name", "head_nik", "head_birth_on"}.isdisjoint(frame.columns)
    assert frame["lat"].tolist() == [-8.12, -8.1]


def test_policy_header_declares_counts_shares_household_rows_and_admin_only():
    policy = parse_policy(
        "-- what it returns\n-- privacy: counts=a_count,b_count; personal=x; household-rows; admin-only\n"
        "-- privacy: counts=value unless kpi_code=p|q (shares there); shares=s_pct/a_count\nselect 1"
    )
    assert policy.declared and policy.counts == frozenset({"a_count", "b_count"}) and policy.personal == {"x"}
    assert policy.household_rows and policy.admin_only and policy.shares == (("s_pct", "a_count"),)
    assert policy.counts_unless == (("value", "kpi_code", frozenset({"p", "q"})),)
    assert parse_policy("-- privacy: counts=none (agreements)\n").counts == frozenset()
    assert not parse_policy("select 1").declared
    with pytest.raises(ValueError):
        parse_policy("-- privacy: small-count=a\n")
    frame = pd.DataFrame(
        {
            "kpi_code": ["p", "x"],
            "a_count": [2, 10],
            "value": [12.5, 3.0],
            "moa_count": [1, 1],
            "s_pct": [20, 50],
        }
    )
    got, _ = protect_result(frame, MONEV, policy)
    assert [is_small_count(v) for v in got["a_count"]] == [True, False]
    assert got["value"][0] == 12.5 and is_small_count(got["value"][1])  # a share stays, a count is protected
    assert got["moa_count"].tolist() == [1, 1]  # not declared a count of people
    assert (
        pd.isna(got["s_pct"][0]) and got["s_pct"][1] == 50.0
    )  # 20 % of 2 would give 2 back; 5 of 10 may show


def test_a_query_without_a_rule_protects_every_count_column():
    frame = pd.DataFrame({"x_count": [3], "y": [3]})
    got, _ = protect_result(frame, MONEV, parse_policy("select 1"))
    assert is_small_count(got["x_count"][0]) and got["y"][0] == 3


def test_household_rows_only_reach_by_name_roles():
    policy = query_policy("left_behind_households")
    assert policy.household_rows
    params = {"region": "99.02", "today": DEMO_AS_OF.isoformat(), "show_names": False}
    for viewer in (CHIEF, MONEV, GUEST):
        with pytest.raises(AccessDenied):
            check_request(viewer, "left_behind_households", params)
        check_request(viewer, "left_behind_households", params, aggregated=True)
    check_request(PLANNER, "left_behind_households", params)
    rows = _households().assign(desa_code="d", desa_name="D", kecamatan_name="K")
    per_desa, _ = protect_result(rows, MONEV, policy, aggregate=left_behind_by_desa)
    assert "household_id" not in per_desa.columns and per_desa["households_count"].map(is_small_count).all()


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


def test_exports_carry_the_protection():
    raw = db.run_query("extreme_poor_by_child_region", region="99.01.10", round_id=DEMO_ROUND)
    frame, _ = protect_result(raw, MONEV, query_policy("extreme_poor_by_child_region"))
    csv = to_csv_bytes(frame).decode("utf-8-sig")
    assert "<5" in csv
    for line in csv.splitlines()[1:]:
        counts = line.split(";")[3:]
        assert all(c == "<5" or int(c) % 5 == 0 for c in counts), line
    assert to_excel_bytes(frame, note="x").startswith(b"PK")


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=30))
def test_protected_display_properties(counts):
    cells = pd.Series([Count(c) for c in counts], dtype=object)
    shown = [breakdown_value(c) for c in cells]
    assert all(s is None or s % 5 == 0 for s in shown)  # differences of shown cells are never 1-4
    assert all((s is None) == (0 < c < 5) for s, c in zip(shown, counts, strict=True))
    assert all(s is None or abs(s - c) <= 2 for s, c in zip(shown, counts, strict=True))
    assert total_value(cells.sum()) in (sum(counts), None)
