-- Map indicators per kabupaten or kecamatan ($area_level) of a region: the map of a province too large to draw desa by
-- desa. The same figures as queries/location_indicators.sql summed over the area's desa: counts add up, shares are
-- recomputed from the summed counts, sector scores and the stunting rate are the mean over the area's desa, and a
-- verified target counts as covered where its desa is a target of an active MoA or collaboration/CSR reached it.
-- The per-desa register figures are location_indicators' own rule (desa_register_figures in macros.sql, read from the
-- summary tables), so a desa's figures sum to its area's.
-- privacy: counts=all_households_count,extreme_poor_households_count,verified_targets_count,verified_targets_reached_count,households_without_electricity_count,umkm_producers_extreme_poor_count; shares=extreme_poor_share_pct/all_households_count,verified_targets_reached_pct/verified_targets_count,coverage_pct/verified_targets_count
with desa as (
    select
        r.region_code as desa_code,
        case $area_level when 'kabupaten' then r.kabupaten_code else r.kecamatan_code end as area_code
    from region as r
    where r.level = 'desa'
        and in_region(r.region_code, $region)
),

households as (
    select * from desa_register_figures($region, $as_of)
),

demography_latest as (
    select * from latest_desa_households($region)
),

food as (
    select
        desa_code,
        max(potential_score) as food_potential_score
    from potential_food
    where in_region(desa_code, $region)
    group by desa_code
),

energy as (
    select
        desa_code,
        max(ease_score) as energy_ease_score,
        max(households_without_electricity_count) as households_without_electricity_count
    from potential_energy
    where in_region(desa_code, $region)
    group by desa_code
),

health as (
    select * from latest_desa_health($region)
),

umkm as (
    select
        desa_code,
        max(marketing_potential_score) as umkm_marketing_score,
        sum(producers_extreme_poor_count) as umkm_producers_extreme_poor_count
    from umkm_product
    where in_region(desa_code, $region)
    group by desa_code
),

active_moa as (
    select * from active_moa_desa($as_of)
),

by_area as (
    select
        d.area_code,
        count(*) as desa_count,
        sum(coalesce(dl.all_households_count, 0)) as all_households_count,
        sum(coalesce(h.extreme_poor_households_count, 0)) as extreme_poor_households_count,
        sum(coalesce(h.verified_targets_count, 0)) as verified_targets_count,
        sum(coalesce(h.verified_targets_reached_count, 0)) as verified_targets_reached_count,
        sum(
            case
                when a.desa_code is not null then coalesce(h.verified_targets_count, 0)
                else coalesce(h.verified_targets_collaboration_count, 0)
            end
        ) as verified_targets_covered_count,
        avg(f.food_potential_score) as food_potential_score,
        sum(coalesce(e.households_without_electricity_count, 0)) as households_without_electricity_count,
        avg(e.energy_ease_score) as energy_ease_score,
        avg(he.health_need_score) as health_need_score,
        avg(he.stunting_rate_pct) as stunting_rate_pct,
        avg(u.umkm_marketing_score) as umkm_marketing_score,
        sum(coalesce(u.umkm_producers_extreme_poor_count, 0)) as umkm_producers_extreme_poor_count,
        count(a.desa_code) as active_moa_desa_count
    from desa as d
    left join households as h on h.desa_code = d.desa_code
    left join demography_latest as dl on dl.desa_code = d.desa_code
    left join food as f on f.desa_code = d.desa_code
    left join energy as e on e.desa_code = d.desa_code
    left join health as he on he.desa_code = d.desa_code
    left join umkm as u on u.desa_code = d.desa_code
    left join active_moa as a on a.desa_code = d.desa_code
    group by d.area_code
),

final as (
    select
        b.area_code,
        ar.level as area_level,
        ar.name,
        p.name as parent_name,
        ar.centroid_lon,
        ar.centroid_lat,
        ar.geometry_simplified_geojson as geometry_geojson,
        b.desa_count,
        b.all_households_count::integer as all_households_count,
        b.extreme_poor_households_count::integer as extreme_poor_households_count,
        100.0 * b.extreme_poor_households_count / nullif(b.all_households_count, 0) as extreme_poor_share_pct,
        b.verified_targets_count::integer as verified_targets_count,
        b.verified_targets_reached_count::integer as verified_targets_reached_count,
        100.0 * b.verified_targets_reached_count / nullif(b.verified_targets_count, 0)
            as verified_targets_reached_pct,
        b.food_potential_score,
        b.households_without_electricity_count::integer as households_without_electricity_count,
        b.energy_ease_score,
        b.health_need_score,
        b.stunting_rate_pct,
        b.umkm_marketing_score,
        b.umkm_producers_extreme_poor_count::integer as umkm_producers_extreme_poor_count,
        b.active_moa_desa_count,
        coalesce(100.0 * b.verified_targets_covered_count / nullif(b.verified_targets_count, 0), 0) as coverage_pct
    from by_area as b
    inner join region as ar on ar.region_code = b.area_code
    left join region as p on p.region_code = ar.parent_code
)

select * from final
order by area_code
