-- Sector kesehatan: latest health condition and need per desa of a region, with the distance to care.
-- privacy: counts=maternal_deaths_count,infant_deaths_count
with final as (
    select
        h.desa_code,
        p.desa_name,
        p.kecamatan_name,
        h.year,
        h.need_score,
        h.stunting_rate_pct,
        h.maternal_deaths_count,
        h.infant_deaths_count,
        h.jkn_coverage_pct,
        h.clean_water_access_pct,
        h.sanitation_access_pct,
        h.puskesmas_km,
        p.hospital_km
    from health_condition as h
    inner join desa_place() as p on p.desa_code = h.desa_code
    where in_region(h.desa_code, $region)
        and h.year = (select max(year) from health_condition)
)

select * from final
order by need_score desc, desa_code
