-- Every region code already in the database (to validate imported codes and find missing parents).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    region_code,
    level
from region
