"""Every query file declares its privacy rule; the rule names real columns; household rows are refused to
aggregate roles. A new query without a `-- privacy:` line fails here, with the fix in the message."""

import re
from pathlib import Path

import pytest

from sinergi.access.policy import parse_policy, query_policy
from sinergi.data import db

QUERIES = Path(db.QUERIES_DIR)
FILES = sorted(p for p in QUERIES.rglob("*.sql") if p.stem not in db.DDL_FILES)
HOW = (
    "add a line `-- privacy: counts=<columns that count people or households>` (or `counts=none (why)`; "
    "`household-rows` for one row per household; `admin-only`); see docs/privacy.md"
)
RUPIAH = re.compile(r"\b\w+_rp\b")


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(QUERIES)) for p in FILES])
def test_every_query_declares_its_privacy_rule(path):
    policy = parse_policy(path.read_text(encoding="utf-8"))
    assert policy.declared, f"queries/{path.relative_to(QUERIES)} has no privacy rule: {HOW}"
    if path.parent.name == "importer":  # write-side statements never pass through load()
        assert policy.admin_only, f"queries/{path.relative_to(QUERIES)}: importer statements are admin-only"


def test_the_check_fails_on_a_file_without_a_rule():
    assert not parse_policy(
        "-- Households per desa.\nselect desa_code, count(*) as households_count\n"
    ).declared


@pytest.mark.parametrize("name", db.query_names())
def test_declared_columns_exist(name):
    """A rule naming a column the query does not return protects nothing: catch renames."""
    policy = query_policy(name)
    sql = db.load_sql(name)
    named = (
        set(policy.counts)
        | {c for c, _, _ in policy.counts_unless}
        | {c for pair in policy.shares for c in pair}
    )
    missing = [c for c in named if c not in sql]
    assert not missing, f"queries/{name}.sql declares {missing} in its privacy rule but never names them"


@pytest.mark.parametrize("name", db.query_names())
def test_every_people_count_column_is_declared(name):
    """Columns named like counts of people must be declared counts, or the rule must say why not (a remark)."""
    policy = query_policy(name)
    sql = db.load_sql(name)
    line = next(x for x in sql.splitlines() if "privacy:" in x)
    for word in ("households_count", "people_count", "members_count", "beneficiaries_count"):
        if f"as {word}" in sql or f" {word}," in sql:
            assert word in policy.counts or word in line or policy.admin_only, f"queries/{name}.sql: {word}"


def undeclared_amounts(sql: str) -> list[str]:
    """Return the Rupiah columns of a query that counts people and does not say whether its Rupiah is summed over
    the households it counts (rule 7: `amounts=amount_rp/count`, or `amounts=none (why)`)."""
    policy = parse_policy(sql)
    if policy.admin_only or policy.amounts_declared or not (policy.counts or policy.counts_unless):
        return []
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return sorted(set(RUPIAH.findall(body)))


@pytest.mark.parametrize("name", db.query_names())
def test_rupiah_beside_a_count_declares_its_rule(name):
    """A Rupiah amount summed over households gives a hidden count back (amount / a fixed rate): a query with a
    people count and a Rupiah column must declare its amounts, tied to the count they are summed over."""
    sql = db.load_sql(name)
    policy = query_policy(name)
    missing = undeclared_amounts(sql)
    assert not missing, (
        f"queries/{name}.sql has Rupiah {missing} beside people counts: add `-- privacy: amounts=<x_rp>/<count>` "
        "(summed over the households that count counts) or `amounts=none (why)` (a budget); docs/privacy.md rule 7"
    )
    for amount, count in policy.amounts:
        assert amount in sql, f"queries/{name}.sql: amount {amount} is never named"
        assert count in policy.counts, (
            f"queries/{name}.sql: {amount} is tied to {count}, not a declared count"
        )


def test_the_amount_check_fails_on_an_undeclared_amount():
    sql = (
        "-- privacy: counts=interventions_count\n"
        "select program, count(*) as interventions_count, sum(amount_rp) as amount_rp from intervention group by 1\n"
    )
    assert undeclared_amounts(sql) == ["amount_rp"]
    tied = sql.replace("\n", "\n-- privacy: amounts=amount_rp/interventions_count\n", 1)
    assert undeclared_amounts(tied) == [] and parse_policy(tied).amounts == (
        ("amount_rp", "interventions_count"),
    )
    assert undeclared_amounts(sql.replace("\n", "\n-- privacy: amounts=none (a budget)\n", 1)) == []
