-- Sector energi terbarukan: renewable sources per desa of a region with potential, ease and unelectrified homes.
-- privacy: counts=households_without_electricity_count
with final as (
    select
        e.desa_code,
        d.name as desa_name,
        kec.name as kecamatan_name,
        e.energy_source,
        e.potential_kw,
        e.ease_score,
        e.households_without_electricity_count
    from potential_energy as e
    inner join region as d on d.region_code = e.desa_code
    inner join region as kec on kec.region_code = d.kecamatan_code
    where starts_with(e.desa_code || '.', $region || '.')
)

select * from final
order by ease_score desc, desa_code, energy_source
