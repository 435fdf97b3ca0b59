-- Extreme-poor households per child region of a region (kabupaten, kecamatan or desa), register and observed.
-- privacy: counts=extreme_poor_households_count,verified_targets_count,observed_extreme_poor_count
with scoped as (
    select
        h.*,
        case length($region)
            when 2 then h.kabupaten_code
            when 5 then h.kecamatan_code
            else h.desa_code
        end as child_code
    from household as h
    where starts_with(h.desa_code || '.', $region || '.')
),

observed as (
    select
        h.child_code,
        count(*) filter (where o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day)
            as observed_extreme_poor_count
    from scoped as h
    inner join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    inner join monitoring_round as r on r.round_id = o.round_id
    group by h.child_code
),

register as (
    select
        child_code,
        count(*) filter (where is_extreme_poor and verification_status <> 'tidak_valid')
            as extreme_poor_households_count,
        count(*) filter (where is_extreme_poor and verification_status in ('valid', 'tambahan_musdes'))
            as verified_targets_count
    from scoped
    group by child_code
),

final as (
    select
        reg.region_code,
        reg.name,
        reg.level,
        coalesce(register.extreme_poor_households_count, 0) as extreme_poor_households_count,
        coalesce(register.verified_targets_count, 0) as verified_targets_count,
        coalesce(observed.observed_extreme_poor_count, 0) as observed_extreme_poor_count
    from region as reg
    left join register on register.child_code = reg.region_code
    left join observed on observed.child_code = reg.region_code
    where reg.parent_code = $region
)

select * from final
order by extreme_poor_households_count desc, region_code
