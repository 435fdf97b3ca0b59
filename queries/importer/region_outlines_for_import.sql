-- The stored outlines of the given regions (the parents an imported region must lie in).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    region_code,
    geometry_wkb
from region
where list_contains($codes, region_code)
