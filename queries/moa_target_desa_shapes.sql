-- The desa of one MoA's kabupaten with simplified boundaries, flagged when the MoA targets them (the others give
-- the map its context), when that MoA is in the region. Boundaries only: no household data.
-- privacy: counts=none (desa of an agreement)
with scoped as (
    select distinct
        m.moa_id,
        m.kabupaten_code
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where m.moa_id = $moa_id
        and (
            starts_with(m.kabupaten_code || '.', $region || '.')
            or starts_with(t.desa_code || '.', $region || '.')
        )
),

final as (
    select
        d.region_code as desa_code,
        d.name as desa_name,
        k.name as kecamatan_name,
        d.centroid_lon,
        d.centroid_lat,
        d.geometry_simplified_geojson,
        t.desa_code is not null as is_target
    from scoped as s
    inner join region as d on d.kabupaten_code = s.kabupaten_code and d.level = 'desa'
    left join moa_target_desa as t on t.moa_id = s.moa_id and t.desa_code = d.region_code
    left join region as k on k.region_code = d.kecamatan_code
    order by d.region_code
)

select * from final
