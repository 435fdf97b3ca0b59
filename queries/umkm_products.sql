-- Sector UMKM: products per desa of a region, producers, raw-material needs and distance to market, port, city.
-- privacy: counts=producers_count,producers_extreme_poor_count
with final as (
    select
        desa_code,
        desa_name,
        kecamatan_name,
        product,
        product_group,
        producers_count,
        producers_extreme_poor_count,
        raw_material,
        raw_material_need_ton_year,
        monthly_output_units,
        marketing_potential_score,
        market_km,
        port_km,
        city_km
    from region_desa_rows('umkm_product', $region)
)

select * from final
order by marketing_potential_score desc, desa_code, product
