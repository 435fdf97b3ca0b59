-- Sector pangan: food commodities per desa of a region with production, land and potential.
-- privacy: counts=none (tonnes, hectares, scores)
with final as (
    select
        desa_code,
        desa_name,
        kecamatan_name,
        commodity,
        commodity_group,
        production_ton,
        land_ha,
        potential_score
    from region_desa_rows('potential_food', $region)
)

select * from final
order by potential_score desc, desa_code, commodity
