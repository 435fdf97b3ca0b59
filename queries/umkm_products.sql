-- Sector UMKM: products per desa of a region, producers, raw-material needs and distance to market, port, city.
-- privacy: counts=producers_count,producers_extreme_poor_count
with final as (
    select
        u.desa_code,
        p.desa_name,
        p.kecamatan_name,
        u.product,
        u.product_group,
        u.producers_count,
        u.producers_extreme_poor_count,
        u.raw_material,
        u.raw_material_need_ton_year,
        u.monthly_output_units,
        u.marketing_potential_score,
        p.market_km,
        p.port_km,
        p.city_km
    from umkm_product as u
    inner join desa_place() as p on p.desa_code = u.desa_code
    where in_region(u.desa_code, $region)
)

select * from final
order by marketing_potential_score desc, desa_code, product
