-- Boundaries of the kabupaten/kota on the scorecard of $region (as scorecard_kabupaten), for its choropleth: the
-- map aggregates to kabupaten, never to desa, so a whole country stays a few MB.
-- privacy: counts=none (boundaries, not people)
select
    k.region_code as kabupaten_code,
    k.name,
    k.centroid_lon,
    k.centroid_lat,
    k.geometry_simplified_geojson as geometry_geojson
from region as k
where k.level = 'kabupaten'
    and region_overlaps(k.region_code, $region)
order by k.region_code
