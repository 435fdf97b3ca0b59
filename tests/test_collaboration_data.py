"""Collaboration queries against independent SQL over the raw tables: contribution matrix, gaps, stage counts."""

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_KABUPATEN

from sinergi.collaboration.rules import gap_cells
from sinergi.collaboration.tables import contribution_matrix
from sinergi.data import db

AS_OF = DEMO_AS_OF  # the dataset's date: the one 'today' of every figure
REGIONS = [*DEMO_KABUPATEN, "99.05.01"]


def _moas_of(con, region: str) -> list[str]:
    rows = con.execute(
        """
        select moa_id from moa where kabupaten_code = $r or $r like kabupaten_code || '.%'
            and moa_id in (select moa_id from moa_target_desa where desa_code like $r || '.%')
        union
        select moa_id from moa where kabupaten_code like $r || '.%'
        order by 1
        """,
        {"r": region},
    ).fetchall()
    return [r[0] for r in rows]


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
def test_contribution_matrix_equals_sql(con, region):
    moas = _moas_of(con, region)
    assert moas
    for moa_id in moas:
        ours = contribution_matrix(db.run_query("moa_contributions", region=region, moa_id=moa_id))
        theirs = con.execute(
            """
            select partner_id, contribution_kind, sum(pledged_value_rp) as p, sum(realised_value_rp) as r
            from contribution where moa_id = $m group by all order by all
            """,
            {"m": moa_id},
        ).df()
        got = ours.sort_values(["partner_id", "contribution_kind"])
        assert got["partner_id"].tolist() == theirs["partner_id"].tolist()
        assert got["contribution_kind"].tolist() == theirs["contribution_kind"].tolist()
        assert got["pledged_value_rp"].tolist() == theirs["p"].tolist()
        assert got["realised_value_rp"].tolist() == theirs["r"].tolist()


def test_contribution_matrix_is_empty_outside_the_region():
    assert db.run_query("moa_contributions", region="99.05", moa_id="MOA-0201").empty


@pytest.mark.parametrize("region", REGIONS)
def test_stage_counts_equal_sql(con, region):
    ours = db.run_query("moa_stage_counts", region=region)
    moas = _moas_of(con, region)
    theirs = con.execute(
        "select current_stage_no, count(*) from moa where list_contains($ids, moa_id) group by 1",
        {"ids": moas},
    ).fetchall()
    expected = dict.fromkeys(range(1, 8), 0) | dict(theirs)
    assert dict(zip(ours["stage_no"], ours["moa_count"], strict=True)) == expected
    assert ours["moa_count"].sum() == len(moas)


_INDEPENDENT_GAPS = """
with need as (
    select r.region_code as desa, r.kabupaten_code as kab, 'pangan' as sector,
        (select count(*) from household h where h.desa_code = r.region_code and h.is_extreme_poor
            and h.verification_status <> 'tidak_valid') as v
    from region r where r.level = 'desa'
    union all
    select r.region_code, r.kabupaten_code, 'energi',
        coalesce((select max(households_without_electricity_count) from potential_energy e
                  where e.desa_code = r.region_code), 0)
    from region r where r.level = 'desa'
    union all
    select r.region_code, r.kabupaten_code, 'kesehatan',
        coalesce((select need_score from health_condition c where c.desa_code = r.region_code
                  and c.year = 2025), 0)
    from region r where r.level = 'desa'
    union all
    select r.region_code, r.kabupaten_code, 'umkm',
        coalesce((select sum(producers_extreme_poor_count) from umkm_product u
                  where u.desa_code = r.region_code), 0)
    from region r where r.level = 'desa'
),
high as (
    -- top third: fewer than ceil(n/3) desa of the kabupaten rank above it (greater need, or equal and smaller code)
    select a.* from need a
    where a.v > 0 and (
        select count(*) from need b
        where b.kab = a.kab and b.sector = a.sector and (b.v > a.v or (b.v = a.v and b.desa < a.desa))
    ) < ceil((select count(*) from need c where c.kab = a.kab and c.sector = a.sector) / 3.0)
)
select desa, sector from high h
where h.desa like $region || '.%'
    and not exists (
        select 1 from moa m join moa_target_desa t using (moa_id) join moa_sector s using (moa_id)
        where m.status in ('aktif', 'diperpanjang', 'berakhir') and m.signed_on <= $as_of
            and $as_of between m.started_on and m.ended_on
            and t.desa_code = h.desa and s.sector_code = h.sector)
    and not exists (
        select 1 from agency_program_history p
        where p.desa_code = h.desa and p.sector_code = h.sector and p.year between year($as_of) - 2 and year($as_of))
    and not exists (
        select 1 from intervention i
        where i.desa_code = h.desa and i.sector_code = h.sector and i.source in ('csr', 'kolaborasi')
            and i.partner_id is not null and i.given_on >= ($as_of - interval 2 year) and i.given_on <= $as_of
            and (i.moa_id is null or i.moa_id in (select moa_id from moa where status <> 'draft')))
order by sector, desa
"""


@pytest.mark.parametrize("region", REGIONS)
def test_gap_table_equals_sql(con, region):
    gaps = gap_cells(db.run_query("sector_need_by_desa", region=region, as_of=AS_OF, gaps_only=False))
    theirs = con.execute(_INDEPENDENT_GAPS, {"region": region, "as_of": AS_OF}).fetchall()
    ours = sorted(zip(gaps["desa_code"], gaps["sector_code"], strict=True), key=lambda x: (x[1], x[0]))
    assert ours == [(d, s) for d, s in theirs]
    if region in DEMO_KABUPATEN:
        assert len(ours) > 0, "the demo should show some gaps in each kabupaten"


@pytest.mark.parametrize("region", ["99", *REGIONS])
def test_gaps_only_returns_exactly_the_gap_rows(region):
    every = db.run_query("sector_need_by_desa", region=region, as_of=AS_OF, gaps_only=False)
    only = db.run_query("sector_need_by_desa", region=region, as_of=AS_OF, gaps_only=True)
    pd.testing.assert_frame_equal(gap_cells(only), gap_cells(every))
    assert len(only) == len(gap_cells(every))


def test_need_table_covers_every_desa_and_sector(con):
    needs = db.run_query("sector_need_by_desa", region="99.02", as_of=AS_OF, gaps_only=False)
    desa = con.execute(
        "select count(*) from region where level = 'desa' and kabupaten_code = '99.02'"
    ).fetchone()[0]
    assert len(needs) == 4 * desa
    high = needs.groupby("sector_code")["is_high_need"].sum()
    assert (high <= -(-desa // 3)).all()


# a province's rows are its kabupaten: a partner at work in two kecamatan counts once
@pytest.mark.parametrize(("region", "area"), [("99.02", "99.02.01"), ("99", "99.02")])
def test_actor_matrix_counts_distinct_partners(con, region, area):
    ours = db.run_query("actors_by_area_sector", region=region, as_of=AS_OF)
    assert set(ours["area_code"].str.len()) == {len(area)}
    row = ours[(ours["area_code"] == area) & (ours["sector_code"] == "energi")].iloc[0]
    theirs = con.execute(
        """
        select count(distinct partner_id) from (
            select mp.partner_id from moa m join moa_target_desa t using (moa_id) join moa_sector s using (moa_id)
                join moa_party mp using (moa_id)
            where m.status in ('aktif', 'diperpanjang', 'berakhir') and m.signed_on <= $as_of
                and $as_of between m.started_on and m.ended_on and s.sector_code = 'energi'
                and t.desa_code like $area || '.%'
            union all
            select partner_id from agency_program_history
            where sector_code = 'energi' and desa_code like $area || '.%' and year between year($as_of) - 2 and year($as_of)
            union all
            select partner_id from intervention
            where sector_code = 'energi' and desa_code like $area || '.%' and source in ('csr', 'kolaborasi')
                and partner_id is not null and given_on between ($as_of - interval 2 year) and $as_of
                and (moa_id is null or moa_id in (select moa_id from moa where status <> 'draft')))
        """,
        {"as_of": AS_OF, "area": area},
    ).fetchone()[0]
    assert row["actors_count"] == theirs


def test_partner_scope_keeps_partners_of_the_region(con):
    partners = db.run_query("partners_in_region", region="99.02", as_of=AS_OF)
    assert {"MTR-009", "MTR-049"} <= set(partners["partner_id"])
    assert "MTR-001" not in set(partners["partner_id"])
    counts = con.execute(
        "select partner_id, count(*) from moa_party join moa using (moa_id) where kabupaten_code = '99.02' group by 1"
    ).df()
    merged = pd.merge(partners, counts, on="partner_id")
    assert (merged["moa_count"] == merged["count_star()"]).all()


def test_target_map_flags_exactly_the_target_desa(con):
    shapes = db.run_query("moa_target_desa_shapes", region="99.02", moa_id="MOA-0205")
    targets = {
        r[0]
        for r in con.execute("select desa_code from moa_target_desa where moa_id = 'MOA-0205'").fetchall()
    }
    assert set(shapes.loc[shapes["is_target"], "desa_code"]) == targets
    desa = con.execute(
        "select count(*) from region where level = 'desa' and kabupaten_code = '99.02'"
    ).fetchone()[0]
    assert len(shapes) == desa


@pytest.mark.parametrize(
    ("region", "level"), [("99", "kabupaten"), ("99.02", "kecamatan"), ("99.05.01", "desa")]
)
def test_matrix_gap_counts_add_up_to_the_gap_table(region, level):
    from sinergi.collaboration.tables import area_sector_matrix, gap_count_matrix, matrix_areas

    needs = db.run_query("sector_need_by_desa", region=region, as_of=AS_OF, gaps_only=False)
    areas = matrix_areas(needs, level)
    gaps = gap_cells(needs)
    assert gap_count_matrix(gaps, areas, level).to_numpy().sum() == len(gaps)
    actors = db.run_query("actors_by_area_sector", region=region, as_of=AS_OF)
    matrix = area_sector_matrix(actors, areas)
    assert matrix.to_numpy().sum() == actors["actors_count"].sum()
    assert len(matrix) == len(areas)


@pytest.mark.parametrize("region", REGIONS)
def test_alerts_agree_with_the_beranda_counts(region):
    from sinergi.collaboration.rules import moa_alerts

    alerts = moa_alerts(db.run_query("moa_registry", region=region, as_of=AS_OF))
    beranda = db.run_query("overview_moa", region=region, as_of=AS_OF).iloc[0]
    assert (alerts["alert"] == "ending_soon").sum() == beranda["ending_soon_moa_count"]
    assert (alerts["alert"] == "ended_undecided").sum() == beranda["ended_undecided_moa_count"]
