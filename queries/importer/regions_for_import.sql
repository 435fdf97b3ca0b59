-- Every region code already in the database with its centre (to validate imported codes, find missing parents and
-- notice an outline that moves far).
select
    region_code,
    level,
    centroid_lon,
    centroid_lat
from region
