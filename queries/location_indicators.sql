-- Map and targeting indicators per desa of a region: extreme poor, sector potential and need, access, coverage.
-- Register figures follow Beranda (register_by_desa in queries/macros.sql). "Reached"
-- means an intervention that counts on $as_of was given to the household (interventions_as_of); "covered" means the
-- desa is a target of an MoA active on $as_of (moa_as_of) or collaboration/CSR interventions reached its verified
-- targets. Household figures are read from the per-desa summary tables (desa_register_figures in macros.sql).
-- privacy: counts=all_households_count,extreme_poor_households_count,verified_targets_count,verified_targets_reached_count,households_without_electricity_count,umkm_producers_extreme_poor_count; shares=extreme_poor_share_pct/all_households_count,verified_targets_reached_pct/verified_targets_count,coverage_pct/verified_targets_count
with desa as (
    select
        r.region_code as desa_code,
        r.name,
        r.kecamatan_code,
        kec.name as kecamatan_name,
        r.centroid_lon,
        r.centroid_lat,
        r.geometry_simplified_geojson as geometry_geojson
    from region as r
    inner join region as kec on kec.region_code = r.kecamatan_code
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
        max(potential_score) as food_potential_score,
        first(commodity order by potential_score desc, commodity) as top_commodity
    from potential_food
    where in_region(desa_code, $region)
    group by desa_code
),

energy as (
    select
        desa_code,
        max(ease_score) as energy_ease_score,
        first(energy_source order by ease_score desc, energy_source) as top_energy_source,
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
        first(product order by marketing_potential_score desc, product) as top_product,
        sum(producers_extreme_poor_count)::integer as umkm_producers_extreme_poor_count
    from umkm_product
    where in_region(desa_code, $region)
    group by desa_code
),

active_moa as (
    select * from active_moa_desa($as_of)
),

final as (
    select
        d.desa_code,
        d.name,
        d.kecamatan_code,
        d.kecamatan_name,
        d.centroid_lon,
        d.centroid_lat,
        d.geometry_geojson,
        coalesce(dl.all_households_count, 0) as all_households_count,
        coalesce(h.extreme_poor_households_count, 0) as extreme_poor_households_count,
        100.0 * coalesce(h.extreme_poor_households_count, 0) / nullif(dl.all_households_count, 0)
            as extreme_poor_share_pct,
        coalesce(h.verified_targets_count, 0) as verified_targets_count,
        coalesce(h.verified_targets_reached_count, 0) as verified_targets_reached_count,
        100.0 * h.verified_targets_reached_count / nullif(h.verified_targets_count, 0)
            as verified_targets_reached_pct,
        f.food_potential_score,
        f.top_commodity,
        coalesce(e.households_without_electricity_count, 0) as households_without_electricity_count,
        e.energy_ease_score,
        e.top_energy_source,
        he.health_need_score,
        he.stunting_rate_pct,
        u.umkm_marketing_score,
        u.top_product,
        coalesce(u.umkm_producers_extreme_poor_count, 0) as umkm_producers_extreme_poor_count,
        dd.port_km,
        dd.market_km,
        dd.city_km,
        dd.puskesmas_km,
        a.desa_code is not null as is_active_moa_target,
        case
            when a.desa_code is not null then 100.0
            else coalesce(100.0 * h.verified_targets_collaboration_count / nullif(h.verified_targets_count, 0), 0)
        end as coverage_pct
    from desa as d
    left join households as h on h.desa_code = d.desa_code
    left join demography_latest as dl on dl.desa_code = d.desa_code
    left join food as f on f.desa_code = d.desa_code
    left join energy as e on e.desa_code = d.desa_code
    left join health as he on he.desa_code = d.desa_code
    left join umkm as u on u.desa_code = d.desa_code
    left join desa_distance as dd on dd.desa_code = d.desa_code
    left join active_moa as a on a.desa_code = d.desa_code
)

select * from final
order by desa_code
