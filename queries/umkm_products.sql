-- Sector UMKM: products per desa of a region, producers, raw-material needs and distance to market, port, city.
-- privacy: counts=producers_count,producers_extreme_poor_count
with final as (
    select
        u.desa_code,
        d.name as desa_name,
        kec.name as kecamatan_name,
        u.product,
        u.product_group,
        u.producers_count,
        u.producers_extreme_poor_count,
        u.raw_material,
        u.raw_material_need_ton_year,
        u.monthly_output_units,
        u.marketing_potential_score,
        dd.market_km,
        dd.port_km,
        dd.city_km
    from umkm_product as u
    inner join region as d on d.region_code = u.desa_code
    inner join region as kec on kec.region_code = d.kecamatan_code
    left join desa_distance as dd on dd.desa_code = u.desa_code
    where starts_with(u.desa_code || '.', $region || '.')
)

select * from final
order by marketing_potential_score desc, desa_code, product
