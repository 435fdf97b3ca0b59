-- Sector pangan: food commodities per desa of a region with production, land and potential.
-- privacy: counts=none (tonnes, hectares, scores)
with final as (
    select
        f.desa_code,
        p.desa_name,
        p.kecamatan_name,
        f.commodity,
        f.commodity_group,
        f.production_ton,
        f.land_ha,
        f.potential_score
    from potential_food as f
    inner join desa_place() as p on p.desa_code = f.desa_code
    where in_region(f.desa_code, $region)
)

select * from final
order by potential_score desc, desa_code, commodity
