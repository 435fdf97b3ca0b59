-- Extreme-poor households per desa of a region for the briefing map: register (is_register_extreme_poor) and valid
-- households observed below the line in the selected round and in the baseline round (round_observation), with the
-- simplified boundary of each desa.
-- privacy: counts=extreme_poor_households_count,observed_extreme_poor_count,baseline_extreme_poor_count
with desa as (
    select
        region_code as desa_code,
        name,
        kecamatan_code,
        geometry_simplified_geojson
    from region
    where level = 'desa'
        and in_region(region_code, $region)
),

register as (
    select
        desa_code,
        count(*) filter (where is_register_extreme_poor(is_extreme_poor, verification_status))
            as extreme_poor_households_count
    from household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
    group by desa_code
),

observed as (
    select
        h.desa_code,
        count(*) filter (where o.round_id = $round_id and o.is_below_line) as observed_extreme_poor_count,
        count(*) filter (where o.round_id = $baseline_round_id and o.is_below_line) as baseline_extreme_poor_count
    from household as h
    inner join round_observation as o on o.household_id = h.household_id
    where in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, $region)
        and is_valid_household(h.verification_status)
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
