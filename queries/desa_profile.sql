-- One desa's demography (latest year) and its nearest port, market, city, puskesmas and hospital.
-- privacy: counts=population_count,households_count,children_under5_count,elderly_count,disability_count
with demo as (
    select *
    from demography
    where year = (select max(year) from demography)
),

final as (
    select
        d.region_code as desa_code,
        d.name,
        d.region_type,
        kec.name as kecamatan_name,
        d.area_km2,
        d.elevation_m,
        d.landscape,
        demo.year,
        demo.population_male_count + demo.population_female_count as population_count,
        demo.households_count,
        demo.children_under5_count,
        demo.elderly_count,
        demo.disability_count,
        demo.poverty_rate_pct,
        demo.extreme_poverty_rate_pct,
        demo.safe_water_access_pct,
        demo.sanitation_access_pct,
        demo.electricity_access_pct,
        dd.port_km,
        port.name as port_name,
        dd.market_km,
        market.name as market_name,
        dd.city_km,
        city.name as city_name,
        dd.puskesmas_km,
        pkm.name as puskesmas_name,
        dd.hospital_km,
        rs.name as hospital_name
    from region as d
    inner join region as kec on kec.region_code = d.kecamatan_code
    left join demo on demo.desa_code = d.region_code
    left join desa_distance as dd on dd.desa_code = d.region_code
    left join place as port on port.place_id = dd.port_id
    left join place as market on market.place_id = dd.market_id
    left join place as city on city.place_id = dd.city_id
    left join place as pkm on pkm.place_id = dd.puskesmas_id
    left join place as rs on rs.place_id = dd.hospital_id
    where d.level = 'desa'
        and starts_with(d.region_code || '.', $region || '.')
)

select * from final
order by desa_code
