-- Sector pangan: food commodities per desa of a region with production, land and potential.
-- privacy: counts=none (tonnes, hectares, scores)
with final as (
    select
        f.desa_code,
        d.name as desa_name,
        kec.name as kecamatan_name,
        f.commodity,
        f.commodity_group,
        f.production_ton,
        f.land_ha,
        f.potential_score
    from potential_food as f
    inner join region as d on d.region_code = f.desa_code
    inner join region as kec on kec.region_code = d.kecamatan_code
    where starts_with(f.desa_code || '.', $region || '.')
)

select * from final
order by potential_score desc, desa_code, commodity
