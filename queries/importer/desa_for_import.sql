-- Every desa in the database with its parents, representative point and boundary, for validating imports.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    region_code as desa_code,
    kecamatan_code,
    kabupaten_code,
    centroid_lon,
    centroid_lat,
    geometry_wkb
from region
where level = 'desa'
