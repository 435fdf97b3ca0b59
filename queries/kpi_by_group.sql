-- Every KPI by group of target households in $region: head's sex, head's age group (age at the start of the
-- baseline round) and whether a member lives with a disability. Target households are those of MoA $moa_id, or of
-- any MoA when $moa_id is ''. Computations as kpi_definition.definition_id says.
-- privacy: counts=baseline_households_count,households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share)
with target as (
    select distinct
        h.household_id,
        h.mothers_children_count,
        h.head_sex,
        case
            when date_sub('year', h.head_birth_on, b.started_on) < 35 then '15-34'
            when date_sub('year', h.head_birth_on, b.started_on) < 60 then '35-59'
            else '60+'
        end as head_age_group,
        case when h.has_disability_member then 'ya' else 'tidak' end as disability_group
    from moa_target_household as t
    join household as h on h.household_id = t.household_id
    cross join (select started_on from monitoring_round where round_id = $baseline_round_id) as b
    where starts_with(h.desa_code || '.', $region || '.')
        and ($moa_id = '' or t.moa_id = $moa_id)
),

household_kpi as (
    select
        t.head_sex,
        t.head_age_group,
        t.disability_group,
        o.round_id,
        d.kpi_code,
        case
            when d.kpi_code = 'penurunan_miskin_ekstrem'
                then (o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day)::integer
            when d.kpi_code = 'lapangan_kerja' then o.new_jobs_count
            when d.kpi_code = 'kegiatan_ekonomi' then o.business_started::integer
            when d.kpi_code = 'akses_kesehatan_sanitasi'
                then case when o.health_facility_access and o.sanitation_access then t.mothers_children_count else 0 end
            when d.kpi_code = 'kematian' then o.deaths_count
            when d.kpi_code like 'pelatihan\_%' escape '\'
                then case when o.trained_sector = d.sector_code then o.trained_people_count else 0 end
        end as amount
    from target as t
    join household_observation as o on o.household_id = t.household_id
    join monitoring_round as r on r.round_id = o.round_id
    cross join kpi_definition as d
    where o.round_id in ($round_id, $baseline_round_id)
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
        case
            when kpi_code = 'penurunan_miskin_ekstrem' then 100.0 * sum(amount) / count(*)
            else sum(amount)::double
        end as value
    from household_kpi
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
