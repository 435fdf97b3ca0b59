-- One region with its parents' names, for headers and breadcrumbs.
-- privacy: counts=none
with selected as (
    select *
    from region
    where region_code = $region
),

-- the two parents' rows only: joined on the whole region table (92 k rows nationally), DuckDB hashed all of it
-- twice on every page (17 ms CPU at 20 M; 2 ms this way)
parents as (
    select
        region_code,
        name
    from region
    where region_code in (
        select kabupaten_code from selected
        union all
        select kecamatan_code from selected
    )
)

select
    r.region_code,
    r.name,
    r.level,
    r.region_type,
    r.parent_code,
    r.kabupaten_code,
    r.kecamatan_code,
    r.area_km2,
    r.centroid_lon,
    r.centroid_lat,
    kab.name as kabupaten_name,
    kec.name as kecamatan_name
from selected as r
left join parents as kab on kab.region_code = r.kabupaten_code
left join parents as kec on kec.region_code = r.kecamatan_code
