"""Data contracts on the demo database: keys, required values, accepted values, references, geometry."""

import duckdb
import pytest
import shapely

from sinergi.common.vocabulary import CODED_COLUMNS, VOCABULARY
from sinergi.data.db import load_sql
from sinergi.data.dictionary import parse_schema

UNIQUE = {
    "region": ["region_code"],
    "household": ["household_id"],
    "household_observation": ["household_id", "round_id"],
    "moa": ["moa_id"],
    "partner": ["partner_id"],
    "place": ["place_id"],
    "intervention": ["intervention_id"],
    "kpi_target": ["moa_id", "kpi_code"],
}
# Coded columns take their lists from the vocabulary (the one source); the rest are listed here.
ACCEPTED = {
    **{column: set(VOCABULARY[domain]) for column, domain in CODED_COLUMNS.items()},
    ("household", "head_sex"): {"LAKI-LAKI", "PEREMPUAN"},
    ("household", "welfare_decile"): {1, 2, 3, 4},
    ("kpi_definition", "direction"): {"lower", "higher"},
}
REFERENCES = [  # (table, column, referenced table, referenced column)
    ("household", "desa_code", "region", "region_code"),
    ("household_observation", "household_id", "household", "household_id"),
    ("moa_party", "partner_id", "partner", "partner_id"),
    ("moa_target_household", "household_id", "household", "household_id"),
    ("moa_target_desa", "desa_code", "region", "region_code"),
    ("contribution", "moa_id", "moa", "moa_id"),
    ("kpi_target", "kpi_code", "kpi_definition", "kpi_code"),
    ("intervention", "household_id", "household", "household_id"),
    ("intervention", "moa_id", "moa", "moa_id"),
    ("desa_distance", "port_id", "place", "place_id"),
    ("agency_program_history", "partner_id", "partner", "partner_id"),
]
# written only by an import that meets unknown P3KE values (tests/test_importers_coded_values.py fills it)
FILLED_BY_IMPORTS = {"household_raw_value"}
TABLES = [t["table"] for t in parse_schema(load_sql("schema")) if t["table"] not in FILLED_BY_IMPORTS]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_is_filled(con: duckdb.DuckDBPyConnection, table):
    assert con.execute(f"select count(*) from {table}").fetchone()[0] > 0


def test_demo_size(con):
    levels = dict(con.execute("select level, count(*) from region group by level").fetchall())
    assert levels["kabupaten"] >= 5 and levels["kecamatan"] >= 60 and levels["desa"] >= 600
    assert 100_000 <= con.execute("select count(*) from household").fetchone()[0] <= 200_000
    assert con.execute("select count(distinct round_id) from household_observation").fetchone()[0] == 2


@pytest.mark.parametrize(("table", "columns"), UNIQUE.items())
def test_unique_keys(con, table, columns):
    cols = ", ".join(columns)
    dupes = con.execute(
        f"select count(*) from (select {cols} from {table} group by {cols} having count(*) > 1)"
    )
    assert dupes.fetchone()[0] == 0


@pytest.mark.parametrize(("table_column", "allowed"), ACCEPTED.items())
def test_accepted_values(con, table_column, allowed):
    table, column = table_column
    values = {r[0] for r in con.execute(f"select distinct {column} from {table}").fetchall()}
    assert values - {None} <= allowed


@pytest.mark.parametrize(("table", "column", "ref_table", "ref_column"), REFERENCES)
def test_references_resolve(con, table, column, ref_table, ref_column):
    orphans = con.execute(
        f"select count(*) from {table} t where t.{column} is not null and not exists "
        f"(select 1 from {ref_table} r where r.{ref_column} = t.{column})"
    ).fetchone()[0]
    assert orphans == 0


def test_codes_consistent_with_parents(con):
    bad = con.execute(
        "select count(*) from region where parent_code is not null "
        "and not starts_with(region_code, parent_code || '.')"
    ).fetchone()[0]
    assert bad == 0
    assert (
        con.execute(
            "select count(*) from region where replace(region_code, '.', '') <> region_code_nodot"
        ).fetchone()[0]
        == 0
    )


def test_households_lie_in_their_desa(con):
    rows = con.execute(
        "select r.geometry_wkb, list(h.lon), list(h.lat) from household h join region r on r.region_code = h.desa_code "
        "group by r.geometry_wkb"
    ).fetchall()
    outside = sum(int((~shapely.contains_xy(shapely.from_wkb(g), lon, lat)).sum()) for g, lon, lat in rows)
    assert outside == 0


def test_every_desa_inside_its_kabupaten_and_desa_tile_it(con):
    rows = con.execute(
        "select k.region_code, any_value(k.geometry_wkb), list(d.geometry_wkb) from region d "
        "join region k on k.region_code = d.kabupaten_code where d.level = 'desa' group by k.region_code"
    ).fetchall()
    for code, kab_wkb, desa_wkbs in rows:
        kab = shapely.from_wkb(kab_wkb)
        desa = shapely.from_wkb(desa_wkbs)
        assert shapely.within(desa, kab.buffer(1e-7)).all(), code
        union_area = shapely.union_all(desa).area
        assert abs(union_area - kab.area) / kab.area < 1e-6, code  # no gaps
        assert abs(sum(shapely.area(desa)) - union_area) / kab.area < 1e-6, code  # no overlaps


def test_valid_nik_shape(con):
    bad = con.execute(
        "select count(*) from household where not regexp_full_match(head_nik, '[0-9]{16}')"
    ).fetchone()[0]
    assert bad == 0
