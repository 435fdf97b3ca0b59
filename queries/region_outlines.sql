-- The kabupaten and kecamatan of an area (a province or a kabupaten) with outlines and label points: the context
-- layer under every map, so that desa never float without the borders and names a planner finds them by.
-- privacy: counts=none (outlines and names of regions)
with final as (
    select
        r.region_code,
        r.level,
        r.name,
        r.centroid_lon,
        r.centroid_lat,
        r.geometry_simplified_geojson as geometry_geojson
    from region as r
    where r.level in ('kabupaten', 'kecamatan')
        and in_region(r.region_code, $region)
)

select * from final
order by level, region_code
