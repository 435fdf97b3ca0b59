-- Sector kesehatan: latest health condition and need per desa of a region, with the distance to care.
-- privacy: counts=maternal_deaths_count,infant_deaths_count
with final as (
    select
        desa_code,
        desa_name,
        kecamatan_name,
        year,
        need_score,
        stunting_rate_pct,
        maternal_deaths_count,
        infant_deaths_count,
        jkn_coverage_pct,
        clean_water_access_pct,
        sanitation_access_pct,
        puskesmas_km,
        hospital_km
    from region_desa_rows('health_condition', $region)
    where year = (select max(year) from health_condition)
)

select * from final
order by need_score desc, desa_code
