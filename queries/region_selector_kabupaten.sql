-- The provinces in the database (roots of the region selector), with their kabupaten.
-- privacy: counts=none
select
    p.region_code as province_code,
    p.name as province_name,
    k.region_code,
    k.name
from region as p
left join region as k on k.parent_code = p.region_code and k.level = 'kabupaten'
where p.level = 'provinsi'
order by p.region_code, k.region_code
