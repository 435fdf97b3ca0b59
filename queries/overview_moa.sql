-- MoA counts for a region: an MoA belongs to a region when its kabupaten is in the region, or, below kabupaten
-- level, when one of its target desa is.
-- privacy: counts=none (agreements, not people)
with scoped as (
    select distinct m.*
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

final as (
    select
        count(*) filter (where status in ('aktif', 'diperpanjang')) as active_moa_count,
        count(*) filter (where status = 'draft') as draft_moa_count,
        count(*) filter (
            where status in ('aktif', 'diperpanjang') and ended_on between $today and $today + interval 90 day
        ) as ending_soon_moa_count,
        count(*) filter (
            where ended_on < $today and renewal_decision is null and status <> 'draft'
        ) as ended_undecided_moa_count,
        count(*) as moa_count
    from scoped
)

select * from final
