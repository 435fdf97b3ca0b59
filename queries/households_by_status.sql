-- Register households of a region by welfare decile and field-verification status (desa profile).
-- privacy: counts=households_count
with final as (
    select
        welfare_decile,
        verification_status,
        count(*) as households_count
    from household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
    group by welfare_decile, verification_status
)

select * from final
order by welfare_decile, verification_status
