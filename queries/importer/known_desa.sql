-- Every desa code in the database, to check that imported rows refer to something.
select
    region_code as id
from region
where level = 'desa'
