-- Sector energi terbarukan: renewable sources per desa of a region with potential, ease and unelectrified homes.
-- privacy: counts=households_without_electricity_count
with final as (
    select
        desa_code,
        desa_name,
        kecamatan_name,
        energy_source,
        potential_kw,
        ease_score,
        households_without_electricity_count
    from region_desa_rows('potential_energy', $region)
)

select * from final
order by ease_score desc, desa_code, energy_source
