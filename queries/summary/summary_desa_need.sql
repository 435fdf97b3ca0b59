-- Summary table: each desa's need per sector and its rank among the desa of its kabupaten (Koordinasi's gap table,
-- sector_need_by_desa). Need indicators (higher = more need): pangan = register extreme-poor households
-- (is_register_extreme_poor, from summary_desa_household); energi = households without electricity (the largest of the
-- desa's energy rows); kesehatan = the health need score of the table's latest year; umkm = producers from
-- extreme-poor households (summed over products); 0 where the desa has no row. need_rank orders the kabupaten's desa
-- by need, highest first, ties by desa code; kabupaten_desa_count is how many desa the kabupaten has. None of it
-- depends on a date. Every desa with a kabupaten has one row per sector, with its name and its kecamatan's (null when
-- the kecamatan is not in the region table: the page leaves such a desa out). Kept in desa order, so a region's rows
-- are its own row groups (the sector tables are not: a province read most of their row groups), and the page reads no
-- name from the region table (92 k rows, one row group, scanned whole by any filter).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_need
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with desa as (
    select
        region_code as desa_code,
        name as desa_name,
        kecamatan_code,
        kabupaten_code
    from region
    where level = 'desa'
        and kabupaten_code is not null
        and in_summary_scope(kabupaten_code, $kabupaten_codes)
),

need_pangan as (
    select
        d.desa_code,
        'pangan' as sector_code,
        coalesce(sum(h.households_count) filter (
            where is_register_extreme_poor(h.is_extreme_poor, h.verification_status)
        ), 0)::double as need_value
    from desa as d
    left join summary_desa_household as h on h.desa_code = d.desa_code
    group by d.desa_code
),

need_energi as (
    select
        d.desa_code,
        'energi' as sector_code,
        coalesce(max(e.households_without_electricity_count), 0)::double as need_value
    from desa as d
    left join potential_energy as e on e.desa_code = d.desa_code
    group by d.desa_code
),

need_kesehatan as (
    select
        d.desa_code,
        'kesehatan' as sector_code,
        coalesce(max(c.need_score), 0)::double as need_value
    from desa as d
    left join health_condition as c
        on c.desa_code = d.desa_code
        and c.year = (select max(year) from health_condition)
    group by d.desa_code
),

need_umkm as (
    select
        d.desa_code,
        'umkm' as sector_code,
        coalesce(sum(u.producers_extreme_poor_count), 0)::double as need_value
    from desa as d
    left join umkm_product as u on u.desa_code = d.desa_code
    group by d.desa_code
),

needs as (
    select * from need_pangan
    union all
    select * from need_energi
    union all
    select * from need_kesehatan
    union all
    select * from need_umkm
)

select
    d.kabupaten_code,
    d.kecamatan_code,
    n.desa_code,
    d.desa_name,
    k.name as kecamatan_name,
    n.sector_code,
    n.need_value,
    row_number() over (
        partition by d.kabupaten_code, n.sector_code order by n.need_value desc, n.desa_code
    ) as need_rank,
    count(*) over (partition by d.kabupaten_code, n.sector_code) as kabupaten_desa_count
from needs as n
inner join desa as d using (desa_code)
left join region as k on k.region_code = d.kecamatan_code
order by
    d.kabupaten_code,
    n.desa_code,
    n.sector_code
