-- Sector energi terbarukan: renewable sources per desa of a region with potential, ease and unelectrified homes.
-- privacy: counts=households_without_electricity_count
with final as (
    select
        e.desa_code,
        p.desa_name,
        p.kecamatan_name,
        e.energy_source,
        e.potential_kw,
        e.ease_score,
        e.households_without_electricity_count
    from potential_energy as e
    inner join desa_place() as p on p.desa_code = e.desa_code
    where in_region(e.desa_code, $region)
)

select * from final
order by ease_score desc, desa_code, energy_source
