"""The demo generator: deterministic by seed; realistic where screens depend on it."""

import hashlib

import duckdb
import pytest

from sinergi.data.db import load_sql
from sinergi.data.demo.build import build_demo_database
from sinergi.data.dictionary import parse_schema


def _content_hash(path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    digest = hashlib.sha256()
    for table in (t["table"] for t in parse_schema(load_sql("schema"))):
        rows = con.execute(f"select * from {table} order by all").fetchall()
        digest.update(repr(rows).encode())
    con.close()
    return digest.hexdigest()


@pytest.mark.slow
def test_same_seed_gives_identical_content(tmp_path):
    a = build_demo_database(tmp_path / "a.duckdb", seed=7, scale=0.03)
    b = build_demo_database(tmp_path / "b.duckdb", seed=7, scale=0.03)
    c = build_demo_database(tmp_path / "c.duckdb", seed=8, scale=0.03)
    assert _content_hash(a) == _content_hash(b)
    assert _content_hash(a) != _content_hash(c)


def test_remote_desa_are_poorer(con):
    corr = con.execute(
        "select corr(d.city_km, g.extreme_poverty_rate_pct) from desa_distance d "
        "join demography g on g.desa_code = d.desa_code and g.year = 2025"
    ).fetchone()[0]
    assert corr > 0.2


def test_extreme_poverty_varies_strongly_between_desa(con):
    p10, p90 = con.execute(
        "select quantile_cont(extreme_poverty_rate_pct, 0.1), quantile_cont(extreme_poverty_rate_pct, 0.9) "
        "from demography where year = 2025"
    ).fetchone()
    assert p90 > 4 * p10


def test_sector_potential_follows_geography(con):
    coastal_seaweed = con.execute(
        "select avg((f.commodity in ('Rumput laut', 'Ikan tangkap', 'Garam rakyat'))::int) from potential_food f "
        "join region r on r.region_code = f.desa_code where r.landscape = 'pesisir'"
    ).fetchone()[0]
    upland_microhydro = con.execute(
        "select avg(e.ease_score) from potential_energy e join region r on r.region_code = e.desa_code "
        "where e.energy_source = 'mikrohidro' and r.landscape = 'dataran_tinggi'"
    ).fetchone()[0]
    lowland_microhydro = con.execute(
        "select avg(e.ease_score) from potential_energy e join region r on r.region_code = e.desa_code "
        "where e.energy_source = 'mikrohidro' and r.landscape = 'pesisir'"
    ).fetchone()[0]
    assert coastal_seaweed > 0.5
    assert upland_microhydro > lowland_microhydro + 20


def test_moas_at_every_status_and_some_meet_targets(con):
    statuses = {r[0] for r in con.execute("select distinct status from moa").fetchall()}
    assert statuses == {"draft", "aktif", "diperpanjang", "berakhir", "dihentikan"}
    met = con.execute(
        """
        with endline as (
            select t.moa_id, 100 * avg((o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day)::int)
                as share_pct
            from moa_target_household t join household_observation o on o.household_id = t.household_id
            join monitoring_round r on r.round_id = o.round_id
            where o.round_id = 2 group by t.moa_id
        )
        select count(*) filter (where e.share_pct <= k.target_value), count(*) filter (where e.share_pct > k.target_value)
        from kpi_target k join endline e using (moa_id) where k.kpi_code = 'penurunan_miskin_ekstrem'
        """
    ).fetchone()
    assert met[0] > 0 and met[1] > 0


def test_some_verified_poor_are_left_behind(con):
    left = con.execute(
        "select count(*) from household h where is_extreme_poor and verification_status = 'valid' "
        "and not exists (select 1 from intervention i where i.household_id = h.household_id)"
    ).fetchone()[0]
    assert left > 0


def test_each_round_has_its_price_adjusted_line_and_source(con):
    rounds = con.execute(
        "select round_id, poverty_line_rp_per_capita_day, poverty_line_source from monitoring_round order by 1"
    ).fetchall()
    lines = [r[1] for r in rounds]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)  # prices rose between the rounds
    assert all(r[1] > 11_941 for r in rounds)  # above the March 2021 line they were adjusted from
    assert all("US$1,90 PPP 2011" in r[2] and "BPS Maret 2021" in r[2] for r in rounds)
