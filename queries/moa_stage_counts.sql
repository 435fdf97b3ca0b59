-- How many of the region's MoAs stand at each of the seven program-flow stages (zero rows kept).
-- privacy: counts=none (agreements)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

at_stage as (
    select
        m.current_stage_no as stage_no,
        count(*) as moa_count,
        count(*) filter (where m.status in ('draft', 'aktif', 'diperpanjang')) as open_moa_count
    from moa as m
    inner join scoped using (moa_id)
    group by m.current_stage_no
),

final as (
    select
        ps.stage_no,
        ps.stage_code,
        ps.name_id,
        ps.name_en,
        coalesce(a.moa_count, 0) as moa_count,
        coalesce(a.open_moa_count, 0) as open_moa_count
    from program_stage as ps
    left join at_stage as a using (stage_no)
    order by ps.stage_no
)

select * from final
