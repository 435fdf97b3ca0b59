-- Approximate dwelling positions of the register's extreme-poor households in a region, without names or ids:
-- the map aggregates them into hexagons and never shows single households.
-- privacy: household-rows (one position per household: only an aggregate, e.g. hexagon counts, leaves the server); counts=none
with final as (
    select
        lon,
        lat
    from household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and is_extreme_poor
        and verification_status <> 'tidak_valid'
)

select * from final
