-- Child regions of a region (kabupaten of the province, kecamatan of a kabupaten, desa of a kecamatan).
-- privacy: counts=none
select
    region_code,
    name,
    level,
    region_type
from region
where parent_code = $parent_code
order by region_code
