-- The provinces in the database (roots of the region selector), with their kabupaten.
-- privacy: counts=none
-- Every page runs it: the province and kabupaten rows are read in one pass over the region table (92 k rows
-- nationally, one row group), not once for each side of the join.
with upper_levels as materialized (
    select
        region_code,
        name,
        level,
        parent_code
    from region
    where level in ('provinsi', 'kabupaten')
)

select
    p.region_code as province_code,
    p.name as province_name,
    k.region_code,
    k.name
from upper_levels as p
left join upper_levels as k on k.parent_code = p.region_code and k.level = 'kabupaten'
where p.level = 'provinsi'
order by p.region_code, k.region_code
