-- How many desa a region holds: the map draws a province of more than a few thousand desa by kecamatan.
-- privacy: counts=none (desa, not people)
select
    count(*) as desa_count
from region
where level = 'desa'
    and in_region(region_code, $region)
