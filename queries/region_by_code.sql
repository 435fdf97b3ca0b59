-- One region with its parents' names, for headers and breadcrumbs.
-- privacy: counts=none
select
    r.region_code,
    r.name,
    r.level,
    r.region_type,
    r.parent_code,
    r.kabupaten_code,
    r.kecamatan_code,
    r.area_km2,
    r.centroid_lon,
    r.centroid_lat,
    kab.name as kabupaten_name,
    kec.name as kecamatan_name
from region as r
left join region as kab on kab.region_code = r.kabupaten_code
left join region as kec on kec.region_code = r.kecamatan_code
where r.region_code = $region
