-- Every KPI by group of target households in $region: head's sex, head's age group (age at the start of the
-- baseline round) and whether a member lives with a disability. Target households are those of MoA $moa_id, or of
-- any MoA when $moa_id is '', among the MoAs signed by $as_of. KPI rule: target_kpi, kpi_value in queries/macros.sql.
-- privacy: counts=baseline_households_count,households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share)
with grouped as (
    select
        k.*,
        case
            when date_sub('year', k.head_birth_on, b.started_on) < 35 then '15-34'
            when date_sub('year', k.head_birth_on, b.started_on) < 60 then '35-59'
            else '60+'
        end as head_age_group,
        case when k.has_disability_member then 'ya' else 'tidak' end as disability_group
    from target_kpi($region, $as_of, $round_id, $baseline_round_id) as k
    cross join (select started_on from monitoring_round where round_id = $baseline_round_id) as b
    where $moa_id = ''
        or k.household_id in (select household_id from signed_target($as_of) where moa_id = $moa_id)
),

measured as (
    select
        case
            when grouping(head_sex) = 0 then 'head_sex'
            when grouping(head_age_group) = 0 then 'head_age_group'
            else 'disability'
        end as group_dimension,
        coalesce(head_sex, head_age_group, disability_group) as group_value,
        round_id,
        kpi_code,
        count(*) as households_count,
        kpi_value(kpi_code, amount) as value
    from grouped
    group by grouping sets (
        (round_id, kpi_code, head_sex),
        (round_id, kpi_code, head_age_group),
        (round_id, kpi_code, disability_group)
    )
),

final as (
    select
        a.group_dimension,
        a.group_value,
        a.kpi_code,
        b.value as baseline_value,
        a.value as value,
        coalesce(b.households_count, 0) as baseline_households_count,
        a.households_count
    from measured as a
    left join measured as b
        on b.group_dimension = a.group_dimension
        and b.group_value = a.group_value
        and b.kpi_code = a.kpi_code
        and b.round_id = $baseline_round_id
    where a.round_id = $round_id
    order by a.group_dimension, a.group_value, a.kpi_code
)

select * from final
