-- Extreme-poor households per child region of a region (kabupaten, kecamatan or desa): register
-- (is_register_extreme_poor), verified targets (is_verified_target) and valid households observed below the line of
-- $round_id (round_observation).
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
    where in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, $region)
),

observed as (
    select
        h.child_code,
        count(*) filter (where o.is_below_line) as observed_extreme_poor_count
    from scoped as h
    inner join round_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    where is_valid_household(h.verification_status)
    group by h.child_code
),

register as (
    select
        child_code,
        count(*) filter (where is_register_extreme_poor(is_extreme_poor, verification_status))
            as extreme_poor_households_count,
        count(*) filter (where is_verified_target(is_extreme_poor, verification_status)) as verified_targets_count
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
