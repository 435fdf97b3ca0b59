-- Every desa in the database with its parents, representative point and boundary, for validating imports.
select
    region_code as desa_code,
    kecamatan_code,
    kabupaten_code,
    centroid_lon,
    centroid_lat,
    geometry_wkb
from region
where level = 'desa'
