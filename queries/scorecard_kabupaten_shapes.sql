-- Boundaries of the kabupaten/kota on the scorecard (provinces in $province_code, kabupaten in $kabupaten_code), for
-- the national choropleth: the map aggregates to kabupaten, never to desa, so a whole country stays a few MB.
-- privacy: small-counts=none (boundaries, not people)
select
    k.region_code as kabupaten_code,
    k.name,
    k.centroid_lon,
    k.centroid_lat,
    k.geometry_simplified_geojson as geometry_geojson
from region as k
where k.level = 'kabupaten'
    and (list_contains($province_code, k.parent_code) or list_contains($kabupaten_code, k.region_code))
order by k.region_code
