-- Every KPI over all households in $region targeted by any MoA (each household counted once), at
-- $baseline_round_id and at $round_id, for the whole region (area_level 'wilayah'), per kabupaten and per
-- kecamatan. Computations as kpi_definition.definition_id says; region figures have no MoA target.
-- privacy: counts=baseline_households_count,households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share)
with target as (
    select distinct
        h.household_id,
        h.kabupaten_code,
        h.kecamatan_code,
        h.mothers_children_count
    from moa_target_household as t
    join household as h on h.household_id = t.household_id
    where starts_with(h.desa_code || '.', $region || '.')
),

-- One row per target household x round x KPI: the household's contribution to the KPI.
household_kpi as (
    select
        t.kabupaten_code,
        t.kecamatan_code,
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
            when grouping(kabupaten_code) = 1 then 'wilayah'
            when grouping(kecamatan_code) = 1 then 'kabupaten'
            else 'kecamatan'
        end as area_level,
        coalesce(kecamatan_code, kabupaten_code, $region) as area_code,
        kabupaten_code,
        round_id,
        kpi_code,
        count(*) as households_count,
        case
            when kpi_code = 'penurunan_miskin_ekstrem' then 100.0 * sum(amount) / count(*)
            else sum(amount)::double
        end as value
    from household_kpi
    group by grouping sets (
        (round_id, kpi_code),
        (round_id, kpi_code, kabupaten_code),
        (round_id, kpi_code, kabupaten_code, kecamatan_code)
    )
),

final as (
    select
        a.area_level,
        a.area_code,
        coalesce(g.name, a.area_code) as area_name,
        a.kabupaten_code,
        d.kpi_code,
        d.name_id as kpi_name_id,
        d.name_en as kpi_name_en,
        d.unit,
        d.direction,
        d.sector_code,
        d.definition_id,
        b.value as baseline_value,
        a.value as value,
        coalesce(b.households_count, 0) as baseline_households_count,
        a.households_count
    from measured as a
    join kpi_definition as d on d.kpi_code = a.kpi_code
    left join measured as b
        on b.area_level = a.area_level
        and b.area_code = a.area_code
        and b.kpi_code = a.kpi_code
        and b.round_id = $baseline_round_id
    left join region as g on g.region_code = a.area_code
    where a.round_id = $round_id
    order by a.area_level, a.area_code, d.kpi_code
)

select * from final
