-- KPI baseline, current value and target per MoA: one row per MoA x KPI that has a kpi_target. Values are measured
-- over the MoA's target households (moa_target_household) that lie in $region, at $baseline_round_id and at
-- $round_id, exactly as kpi_definition.definition_id says. When $region covers the MoA's kabupaten that is every
-- target household; below it (a kecamatan) only the part in the region, while target_value and mou_baseline_value
-- stay the whole-MoA figures written in the agreement (compare target_households_count with
-- moa_target_households_count). An MoA is in scope when its kabupaten is in $region or a target household is.
-- privacy: counts=baseline_households_count,households_count,target_households_count,moa_target_households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share; target_value and mou_baseline_value are figures written in the MoA)
with target as (
    select
        t.moa_id,
        h.household_id,
        h.mothers_children_count,
        starts_with(h.desa_code || '.', $region || '.') as in_region
    from moa_target_household as t
    join household as h on h.household_id = t.household_id
),

scoped_moa as (
    select
        m.moa_id,
        m.title,
        m.kabupaten_code,
        m.status,
        m.started_on,
        m.ended_on
    from moa as m
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or m.moa_id in (select moa_id from target where in_region)
),

target_counts as (
    select
        moa_id,
        count(*) filter (where in_region) as target_households_count,
        count(*) as moa_target_households_count
    from target
    group by moa_id
),

-- One row per MoA x target household x round x KPI: the household's contribution to the KPI.
household_kpi as (
    select
        t.moa_id,
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
    where t.in_region
        and o.round_id in ($round_id, $baseline_round_id)
),

measured as (
    select
        moa_id,
        round_id,
        kpi_code,
        count(*) as households_count,
        case
            when kpi_code = 'penurunan_miskin_ekstrem' then 100.0 * sum(amount) / count(*)
            else sum(amount)::double
        end as value
    from household_kpi
    group by moa_id, round_id, kpi_code
),

final as (
    select
        m.moa_id,
        m.title as moa_title,
        m.kabupaten_code,
        m.status as moa_status,
        m.started_on as moa_started_on,
        m.ended_on as moa_ended_on,
        k.kpi_code,
        d.name_id as kpi_name_id,
        d.name_en as kpi_name_en,
        d.unit,
        d.direction,
        d.sector_code,
        d.definition_id,
        b.value as baseline_value,
        v.value as value,
        k.target_value,
        k.baseline_value as mou_baseline_value,
        k.deadline_on,
        r.ended_on as round_ended_on,
        coalesce(b.households_count, 0) as baseline_households_count,
        coalesce(v.households_count, 0) as households_count,
        coalesce(c.target_households_count, 0) as target_households_count,
        coalesce(c.moa_target_households_count, 0) as moa_target_households_count
    from kpi_target as k
    join scoped_moa as m on m.moa_id = k.moa_id
    join kpi_definition as d on d.kpi_code = k.kpi_code
    cross join (select ended_on from monitoring_round where round_id = $round_id) as r
    left join measured as b on b.moa_id = k.moa_id and b.kpi_code = k.kpi_code and b.round_id = $baseline_round_id
    left join measured as v on v.moa_id = k.moa_id and v.kpi_code = k.kpi_code and v.round_id = $round_id
    left join target_counts as c on c.moa_id = k.moa_id
    order by m.moa_id, k.kpi_code
)

select * from final
