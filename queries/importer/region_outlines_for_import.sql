-- The stored outlines of the given regions (the parents an imported region must lie in).
select
    region_code,
    geometry_wkb
from region
where list_contains($codes, region_code)
