-- The province the database covers (the root of the region selector).
select
    region_code,
    name
from region
where level = 'provinsi'
order by region_code
limit 1
