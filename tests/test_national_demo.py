"""The national-shape demo: shape, codes unused by Kemendagri, exact household count, data contracts, determinism."""

import duckdb
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import NATIONAL_TEST_HOUSEHOLDS

from sinergi.data import db
from sinergi.data.demo import national_sql
from sinergi.data.demo.national_geography import KABUPATEN_TOTAL, PROVINCE_CODES, province_sizes

# Province codes Kemendagri uses (2024): the synthetic ones must never collide with them.
REAL_PROVINCES = {
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    21,
    31,
    32,
    33,
    34,
    35,
    36,
    51,
    52,
    53,
    61,
    62,
    63,
    64,
    65,
}
REAL_PROVINCES |= {71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ncon(national_database):
    connection = duckdb.connect(str(national_database), read_only=True)
    yield connection
    connection.close()


def test_province_sizes_sum_to_514():
    sizes = province_sizes(np.random.default_rng(1))
    assert len(sizes) == 38 and sizes.sum() == KABUPATEN_TOTAL and sizes.min() >= 5 and sizes.max() <= 38
    assert not {int(c) for c in PROVINCE_CODES} & REAL_PROVINCES


def test_shape_of_the_country(ncon):
    levels = dict(ncon.execute("select level, count(*) from region group by level").fetchall())
    assert levels["provinsi"] == 38 and levels["kabupaten"] == 514
    assert 6_500 <= levels["kecamatan"] <= 8_000
    assert 75_000 <= levels["desa"] <= 92_000
    types = dict(ncon.execute("select region_type, count(*) from region group by all").fetchall())
    assert 60 <= types["kota"] <= 160 and 4_000 <= types["kelurahan"] <= 15_000
    assert ncon.execute("select count(*) from household").fetchone()[0] == NATIONAL_TEST_HOUSEHOLDS
    assert ncon.execute("select count(distinct desa_code) from household").fetchone()[0] == levels["desa"]
    info = dict(ncon.execute("select info_key, info_value from dataset_info").fetchall())
    assert info["is_synthetic"] == "true" and info["shape"] == "national"


def test_codes_nest_and_households_carry_their_parents(ncon):
    assert ncon.execute(
        "select count(*) from region where parent_code is not null and not starts_with(region_code, parent_code || '.')"
    ).fetchone() == (0,)
    assert ncon.execute(
        "select count(*) from household where kecamatan_code <> desa_code[:8] or kabupaten_code <> desa_code[:5]"
    ).fetchone() == (0,)


@pytest.mark.parametrize(
    ("table", "column", "ref_table", "ref_column"),
    [
        ("household_observation", "household_id", "household", "household_id"),
        ("intervention", "household_id", "household", "household_id"),
        ("moa_target_household", "household_id", "household", "household_id"),
        ("moa_party", "partner_id", "partner", "partner_id"),
        ("intervention", "partner_id", "partner", "partner_id"),
        ("moa", "kabupaten_code", "region", "region_code"),
        ("kpi_target", "moa_id", "moa", "moa_id"),
    ],
)
def test_references_resolve(ncon, table, column, ref_table, ref_column):
    orphans = ncon.execute(
        f"select count(*) from {table} t where t.{column} is not null and not exists "
        f"(select 1 from {ref_table} r where r.{ref_column} = t.{column})"
    ).fetchone()[0]
    assert orphans == 0


def test_every_kabupaten_has_partners_moas_and_targets(ncon):
    counts = ncon.execute(
        "select count(distinct kabupaten_code), min(n), max(n) from "
        "(select kabupaten_code, count(*) n from moa group by all)"
    ).fetchone()
    assert counts[0] == 514 and counts[1] >= 5 and counts[2] <= 7
    statuses = {r[0] for r in ncon.execute("select distinct status from moa").fetchall()}
    assert statuses == {"draft", "aktif", "diperpanjang", "berakhir", "dihentikan"}


def test_households_lie_in_their_desa(ncon):
    rows = ncon.execute(
        "select r.geometry_wkb, list(h.lon), list(h.lat) from household h "
        "join region r on r.region_code = h.desa_code where h.desa_code[:2] = $p group by r.geometry_wkb",
        {"p": PROVINCE_CODES[0]},
    ).fetchall()
    outside = sum(int((~shapely.contains_xy(shapely.from_wkb(g), lon, lat)).sum()) for g, lon, lat in rows)
    assert rows and outside == 0


def test_register_mix_follows_the_province_generator(ncon):
    mix = dict(ncon.execute("select verification_status, count(*) from household group by all").fetchall())
    assert set(mix) == {"valid", "tidak_valid", "tambahan_musdes", "belum"}
    decile_one = ncon.execute("select avg((welfare_decile = 1)::int) from household").fetchone()[0]
    assert 0.03 < decile_one < 0.4
    # the observed decile follows expenditure: baseline decile correlates with the register decile
    corr = ncon.execute(
        "select corr(h.welfare_decile, o.welfare_decile) from household h "
        "join household_observation o using (household_id) where o.round_id = 1"
    ).fetchone()[0]
    assert corr > 0.5
    assert ncon.execute(
        "select count(*) from household where not regexp_full_match(head_nik, '[0-9]{16}')"
    ).fetchone() == (0,)


def test_hash_draws_are_deterministic_and_independent():
    profile = pd.DataFrame(
        {
            "desa_code": ["37.01.01.2001", "37.01.01.2002"],
            "poverty_rate": [0.3, 0.1],
            "extreme_rate": [0.1, 0.02],
            "households_count": [500, 700],
            "water_access": [0.5, 0.9],
            "electricity_access": [0.8, 0.99],
            "sanitation_access": [0.6, 0.9],
            "landscape": ["pesisir", "dataran_rendah"],
        }
    )
    square = shapely.box(100, -20, 100.01, -19.99)
    slots = national_sql.desa_slots(
        np.array([square, shapely.box(101, -20, 101.01, -19.99)]), np.random.default_rng(0)
    )

    def build() -> pd.DataFrame:
        con = duckdb.connect()
        con.execute(db.load_sql("schema"))
        national_sql.insert_households(con, national_sql.desa_plan(profile, 4000), slots, seed=7)
        return con.execute("select * from household order by household_id").df()

    first, second = build(), build()
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == 4000
    # two draws of one row are independent (DuckDB's hash(a, b, c) alone would correlate them)
    assert abs(np.corrcoef(first["welfare_percentile"] % 10, first["members_count"])[0, 1]) < 0.1
