-- Extreme-poor households per desa of a region for the briefing map: register (is_register_extreme_poor) and valid
-- households observed below the line in the selected round and in the baseline round (round_observation), with the
-- simplified boundary of each desa. Counts come from the per-desa summary tables (queries/summary/).
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
        coalesce(sum(households_count) filter (
            where is_register_extreme_poor(is_extreme_poor, verification_status)
        ), 0)::bigint as extreme_poor_households_count
    from summary_desa_household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
    group by desa_code
),

observed as (
    select
        desa_code,
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $round_id), 0)::bigint
            as observed_extreme_poor_count,
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $baseline_round_id), 0)::bigint
            as baseline_extreme_poor_count
    from summary_desa_round
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and round_id in ($round_id, $baseline_round_id)
    group by desa_code
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
