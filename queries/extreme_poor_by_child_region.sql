-- Extreme-poor households per child region of a region (kabupaten, kecamatan or desa): register
-- (is_register_extreme_poor), verified targets (is_verified_target) and valid households observed below the line of
-- $round_id (round_observation). Read from the per-desa summary tables (queries/summary/).
-- privacy: counts=extreme_poor_households_count,verified_targets_count,observed_extreme_poor_count
with scoped as (
    select
        s.*,
        case length($region)
            when 2 then s.kabupaten_code
            when 5 then s.kecamatan_code
            else s.desa_code
        end as child_code
    from summary_desa_household as s
    where in_region_by_level(s.kabupaten_code, s.kecamatan_code, s.desa_code, $region)
),

observed as (
    select
        case length($region)
            when 2 then kabupaten_code
            when 5 then kecamatan_code
            else desa_code
        end as child_code,
        sum(observed_extreme_poor_count)::bigint as observed_extreme_poor_count
    from summary_desa_round
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and round_id = $round_id
    group by child_code
),

register as (
    select
        child_code,
        coalesce(sum(households_count) filter (
            where is_register_extreme_poor(is_extreme_poor, verification_status)
        ), 0)::bigint as extreme_poor_households_count,
        coalesce(sum(households_count) filter (
            where is_verified_target(is_extreme_poor, verification_status)
        ), 0)::bigint as verified_targets_count
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
