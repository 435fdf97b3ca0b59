-- Ports, markets, town centres, puskesmas and hospitals standing in a region, for the map's point layers.
-- privacy: counts=none (places)
with final as (
    select
        p.place_id,
        p.place_type,
        p.name,
        p.desa_code,
        d.name as desa_name,
        p.lon,
        p.lat
    from place as p
    inner join region as d on d.region_code = p.desa_code
    where starts_with(p.desa_code || '.', $region || '.')
)

select * from final
order by place_type, place_id
