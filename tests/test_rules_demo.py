"""The shared SQL rules of queries/macros.sql read against the demo database: each gives what the rule it
replaced (or an independent count in pandas) gives, region by region (small cases: tests/test_rules.py)."""

import duckdb
import pandas as pd
import pytest
from conftest import DEMO_AS_OF

from sinergi.common import vocabulary
from sinergi.data import db


def test_moa_kabupaten_is_moa_in_region_for_every_kabupaten(con):
    con.execute(db.load_sql(db.RULES_FILE))
    pairs = con.execute("select kabupaten_code, moa_id from moa_kabupaten()").fetchall()
    kabupaten = [
        r[0] for r in con.execute("select region_code from region where level = 'kabupaten'").fetchall()
    ]
    for code in kabupaten:
        own = {m for k, m in pairs if k == code}
        assert own == {r[0] for r in con.execute("select moa_id from moa_in_region(?)", [code]).fetchall()}


def test_region_scope_gives_what_the_prefix_rule_gave(con):
    # the rule before the scope moved to the stored code columns: prefix of the dotted code, built per row
    con.execute(db.load_sql(db.RULES_FILE))
    regions = [r[0] for r in con.execute("select region_code from region where level <> 'desa'").fetchall()]
    regions += [
        r[0] for r in con.execute("select region_code from region where level = 'desa' limit 50").fetchall()
    ]
    old = "starts_with(h.desa_code || '.', $region || '.')"
    new = "in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, $region)"
    short = "in_region(h.desa_code, $region)"
    for region in regions:
        counts = [
            con.execute(
                f"select count(*), sum(hash(household_id)) from household as h where {rule}",
                {"region": region},
            ).fetchone()
            for rule in (old, new, short)  # rule: one of the three fixed texts above
        ]
        assert counts[0] == counts[1] == counts[2], region
        assert counts[0][0] > 0, region
    region_old = "select count(*) from region as r where starts_with(r.region_code || '.', $region || '.')"
    region_new = "select count(*) from region as r where in_region(r.region_code, $region)"
    for region in regions[:20]:
        assert (
            con.execute(region_old, {"region": region}).fetchone()
            == con.execute(region_new, {"region": region}).fetchone()
        )


def test_desa_place_is_each_desa_with_its_kecamatan_and_distances(con):
    con.execute(db.load_sql(db.RULES_FILE))
    got = con.execute("select * from desa_place() order by desa_code").df()
    region = con.execute("select region_code, name, level, kecamatan_code from region").df()
    distance = con.execute("select * from desa_distance").df()
    kecamatan = region[["region_code", "name"]].rename(
        columns={"region_code": "kecamatan_code", "name": "kec"}
    )
    want = (
        region[region["level"] == "desa"]
        .merge(kecamatan, on="kecamatan_code")
        .merge(distance, left_on="region_code", right_on="desa_code", how="left")
        .assign(
            desa_code=lambda f: f["region_code"],
            desa_name=lambda f: f["name"],
            kecamatan_name=lambda f: f["kec"],
        )
        .sort_values("desa_code")
    )
    assert len(got) == (region["level"] == "desa").sum() and got["port_km"].notna().any()
    pd.testing.assert_frame_equal(got, want[list(got.columns)].reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("table", ["health_condition", "umkm_product"])
def test_region_desa_rows_are_the_tables_rows_in_the_region_with_their_place(con, table):
    """The table's rows of the region, its own columns first under their own names (health_condition keeps its own
    puskesmas_km; desa_place's comes after as puskesmas_km_1), then desa_place()'s columns."""
    con.execute(db.load_sql(db.RULES_FILE))
    got = con.execute(f"select * from region_desa_rows('{table}', '99.02')").df()
    own = con.execute(f"select * from {table}").df()
    place = con.execute("select * from desa_place()").df()
    want = own[own["desa_code"].str.startswith("99.02.")].merge(place, on="desa_code", suffixes=("", "_1"))
    assert list(got.columns[: len(own.columns)]) == list(own.columns)
    assert len(got) and set(got["desa_code"].str[:6]) == {"99.02."}
    keys = list(own.columns)
    pd.testing.assert_frame_equal(
        got.sort_values(keys).reset_index(drop=True),
        want[list(got.columns)].sort_values(keys).reset_index(drop=True),
        check_dtype=False,
    )


@pytest.mark.parametrize("region", ["99", "99.05", "99.02.01"])
def test_register_by_desa_counts_the_households_of_each_desa(con, region):
    """register_by_desa (read from summary_desa_household) against the household rows counted in pandas."""
    con.execute(db.load_sql(db.RULES_FILE))
    got = con.execute("select * from register_by_desa($region) order by desa_code", {"region": region}).df()
    h = con.execute("select * from household").df()
    h = h[(h["desa_code"] + ".").str.startswith(region + ".")]
    extreme = h["is_extreme_poor"] & (h["verification_status"] != "tidak_valid")
    verified = h["is_extreme_poor"] & h["verification_status"].isin(vocabulary.VERIFIED_STATUSES)
    want = (
        h.assign(
            e=extreme.astype(int),
            p=h["members_count"].where(extreme, 0),
            v=verified.astype(int),
        )
        .groupby(["kabupaten_code", "kecamatan_code", "desa_code"], as_index=False)
        .agg(
            extreme_poor_households_count=("e", "sum"),
            extreme_poor_people_count=("p", "sum"),
            verified_targets_count=("v", "sum"),
            register_households_count=("e", "size"),
        )
    )
    assert len(got) == h["desa_code"].nunique() > 0 and got["extreme_poor_households_count"].sum() > 0
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_a_desas_top_sector_item_is_the_same_on_every_run_when_scores_tie(demo_database, tmp_path):
    """location_indicators names a desa's best-scored commodity, energy source and product; a tie goes to the first
    name alphabetically. arg_max picked either tied row at random (1-3 desa a province differed between two runs of
    the same data on the national demo)."""
    path = tmp_path / "tie.duckdb"
    path.write_bytes(demo_database.read_bytes())
    con = duckdb.connect(str(path))
    desa, best = con.execute(
        "select desa_code, max(potential_score) from potential_food group by 1 order by 1 limit 1"
    ).fetchone()
    # two more commodities with the desa's best score, one named before every real name and one after
    template = con.execute("select * from potential_food where desa_code = ? limit 1", [desa]).df()
    for name in ("AAA uji", "zzz uji"):
        con.append("potential_food", template.assign(commodity=name, potential_score=best))
    con.execute(db.load_sql(db.RULES_FILE))
    sql = db.load_sql("location_indicators")
    tops = set()
    for _ in range(8):
        frame = con.execute(sql, {"region": desa[:5], "as_of": DEMO_AS_OF}).df()
        tops |= set(frame.loc[frame["desa_code"] == desa, "top_commodity"])
    con.close()
    assert tops == {"AAA uji"}
