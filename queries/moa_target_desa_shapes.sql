-- Target desa of one MoA with their simplified boundaries, when that MoA is in the region.
with scoped as (
    select distinct m.moa_id
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
        t.desa_code,
        d.name as desa_name,
        k.name as kecamatan_name,
        d.centroid_lon,
        d.centroid_lat,
        d.geometry_simplified_geojson
    from moa_target_desa as t
    inner join scoped using (moa_id)
    inner join region as d on d.region_code = t.desa_code
    left join region as k on k.region_code = d.kecamatan_code
    order by t.desa_code
)

select * from final
