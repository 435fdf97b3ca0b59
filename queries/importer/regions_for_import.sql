-- Every region code already in the database with its centre (to validate imported codes, find missing parents and
-- notice an outline that moves far).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    region_code,
    level,
    centroid_lon,
    centroid_lat
from region
