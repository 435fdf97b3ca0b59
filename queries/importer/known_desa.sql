-- Every desa code in the database, to check that imported rows refer to something.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    region_code as id
from region
where level = 'desa'
