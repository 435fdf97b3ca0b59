-- Need per sector and desa, its rank among the desa of the same kabupaten, and how many partners are at work there.
-- Need indicators (higher = more need): pangan = register extreme-poor households (is_register_extreme_poor); energi =
-- households without electricity; kesehatan = the health need score of the latest year; umkm = producers from
-- extreme-poor households. High need = the top third of the kabupaten's desa for that sector (rank <= ceil(n / 3))
-- with need above zero. "At work" on $as_of: actors_at_work in queries/macros.sql (an active MoA, an agency program
-- of the last two years, or a CSR or collaboration intervention of the last two years, in that sector and desa).
-- privacy: counts=need_value unless sector_code=kesehatan (a score there; actors_count and kabupaten_desa_count count partners and desa)
-- actors_at_work_rows: actors_at_work($as_of) as it was before summary_desa_partner_work (queries/macros.sql), its
-- third branch on the interventions themselves
with actors_at_work_rows as (
    select
        t.desa_code,
        s.sector_code,
        mp.partner_id
    from moa_as_of($as_of) as m
    inner join moa_target_desa as t on t.moa_id = m.moa_id
    inner join moa_sector as s on s.moa_id = m.moa_id
    inner join moa_party as mp on mp.moa_id = m.moa_id
    where m.is_active
    union
    select
        desa_code,
        sector_code,
        partner_id
    from agency_program_history
    where year between year($as_of) - 2 and year($as_of)
    union
    select
        desa_code,
        sector_code,
        partner_id
    from interventions_as_of($as_of)
    where source in ('csr', 'kolaborasi')
        and partner_id is not null
        and sector_code is not null
        and given_on >= $as_of - interval 2 year
),

desa as (
    select
        region_code as desa_code,
        name as desa_name,
        kecamatan_code,
        kabupaten_code
    from region
    where level = 'desa'
),

need_pangan as (
    select
        d.desa_code,
        'pangan' as sector_code,
        count(h.household_id) filter (
            where is_register_extreme_poor(h.is_extreme_poor, h.verification_status)
        )::double as need_value
    from desa as d
    left join household as h on h.desa_code = d.desa_code
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
),

ranked as (
    select
        n.desa_code,
        n.sector_code,
        n.need_value,
        row_number() over (
            partition by d.kabupaten_code, n.sector_code order by n.need_value desc, n.desa_code
        ) as need_rank,
        count(*) over (partition by d.kabupaten_code, n.sector_code) as kabupaten_desa_count
    from needs as n
    inner join desa as d using (desa_code)
),

actors as (
    select
        desa_code,
        sector_code,
        count(distinct partner_id) as actors_count
    from actors_at_work_rows
    group by
        desa_code,
        sector_code
),

final as (
    select
        r.desa_code,
        d.desa_name,
        d.kecamatan_code,
        k.name as kecamatan_name,
        d.kabupaten_code,
        r.sector_code,
        r.need_value,
        r.need_rank,
        r.kabupaten_desa_count,
        r.need_rank <= ceil(r.kabupaten_desa_count / 3.0) and r.need_value > 0 as is_high_need,
        coalesce(a.actors_count, 0) as actors_count
    from ranked as r
    inner join desa as d using (desa_code)
    inner join region as k on k.region_code = d.kecamatan_code
    left join actors as a using (desa_code, sector_code)
    where in_region(r.desa_code, $region)
    order by
        r.sector_code,
        r.need_rank
)

select * from final
