-- Need per sector and desa, its rank among the desa of the same kabupaten, and how many partners are at work there.
-- Need indicators, ranks and names come from summary_desa_need (queries/summary/: pangan = register extreme-poor
-- households, energi = households without electricity, kesehatan = the health need score of the latest year, umkm =
-- producers from extreme-poor households; ranked among every desa of the kabupaten). High need = the top third of the
-- kabupaten's desa for that sector (rank <= ceil(n / 3)) with need above zero. "At work" on $as_of: actors_at_work in
-- queries/macros.sql (an active MoA, an agency program of the last two years, or a CSR or collaboration intervention
-- of the last two years, in that sector and desa). $gaps_only = true returns the gaps only (high need, no one at
-- work; Koordinasi shows nothing else of a province's thousands of desa rows), false every desa and sector.
-- privacy: counts=need_value unless sector_code=kesehatan (a score there; actors_count and kabupaten_desa_count count partners and desa)
with need as (
    select
        kabupaten_code,
        kecamatan_code,
        desa_code,
        desa_name,
        kecamatan_name,
        sector_code,
        need_value,
        need_rank,
        kabupaten_desa_count
    from summary_desa_need
    where in_region(desa_code, $region)
        and region_overlaps(kabupaten_code, $region)
        and kecamatan_name is not null
),

actors as (
    select
        desa_code,
        sector_code,
        count(distinct partner_id) as actors_count
    from actors_at_work($as_of)
    where in_region(desa_code, $region)
    group by
        desa_code,
        sector_code
),

final as (
    select
        n.desa_code,
        n.desa_name,
        n.kecamatan_code,
        n.kecamatan_name,
        n.kabupaten_code,
        n.sector_code,
        n.need_value,
        n.need_rank,
        n.kabupaten_desa_count,
        n.need_rank <= ceil(n.kabupaten_desa_count / 3.0) and n.need_value > 0 as is_high_need,
        coalesce(a.actors_count, 0) as actors_count
    from need as n
    left join actors as a using (desa_code, sector_code)
    where not $gaps_only
        or (
            n.need_rank <= ceil(n.kabupaten_desa_count / 3.0)
            and n.need_value > 0
            and coalesce(a.actors_count, 0) = 0
        )
    order by
        n.sector_code,
        n.need_rank,
        n.desa_code
)

select * from final
