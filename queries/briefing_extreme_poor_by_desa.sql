-- Extreme-poor households per desa of a region for the briefing map: register (P3KE decile 1, not found invalid)
-- and observed in the selected round and in the baseline round, with the simplified boundary of each desa.
-- privacy: counts=extreme_poor_households_count,observed_extreme_poor_count,baseline_extreme_poor_count
with desa as (
    select
        region_code as desa_code,
        name,
        kecamatan_code,
        geometry_simplified_geojson
    from region
    where level = 'desa'
        and starts_with(region_code || '.', $region || '.')
),

register as (
    select
        desa_code,
        count(*) filter (where is_extreme_poor and verification_status <> 'tidak_valid')
            as extreme_poor_households_count
    from household
    where starts_with(desa_code || '.', $region || '.')
    group by desa_code
),

observed as (
    select
        h.desa_code,
        count(*) filter (
            where o.round_id = $round_id and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as observed_extreme_poor_count,
        count(*) filter (
            where o.round_id = $baseline_round_id
                and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as baseline_extreme_poor_count
    from household as h
    inner join household_observation as o on o.household_id = h.household_id
    inner join monitoring_round as r on r.round_id = o.round_id
    where starts_with(h.desa_code || '.', $region || '.')
        and o.round_id in ($round_id, $baseline_round_id)
    group by h.desa_code
),

final as (
    select
        desa.desa_code,
        desa.name,
        kec.name as kecamatan_name,
        coalesce(register.extreme_poor_households_count, 0) as extreme_poor_households_count,
        coalesce(observed.observed_extreme_poor_count, 0) as observed_extreme_poor_count,
        coalesce(observed.baseline_extreme_poor_count, 0) as baseline_extreme_poor_count,
        desa.geometry_simplified_geojson
    from desa
    left join region as kec on kec.region_code = desa.kecamatan_code
    left join register on register.desa_code = desa.desa_code
    left join observed on observed.desa_code = desa.desa_code
)

select * from final
order by desa_code
