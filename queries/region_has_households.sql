-- Whether a region holds any P3KE household: a kabupaten imported with boundaries only holds none, and its pages say
-- so instead of showing zeros as counts (sinergi.ui.coverage). Read from the per-desa summary table.
-- privacy: counts=none (a yes or no, not a count of people)
select
    exists(
        select 1
        from summary_desa_household
        where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
    ) as has_households
