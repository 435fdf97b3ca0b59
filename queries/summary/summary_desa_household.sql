-- Summary table: households per desa by register status, verification status and P3KE decile, with their members.
-- Read by the aggregate screens instead of the household rows (queries/README: summary tables); rebuilt by
-- sinergi.data.summary at every demo build and inside every import's transaction, so it always equals the rows.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_household
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    kabupaten_code,
    kecamatan_code,
    desa_code,
    welfare_decile,
    is_extreme_poor,
    verification_status,
    count(*) as households_count,
    sum(members_count) as members_count
from household
where in_summary_scope(kabupaten_code, $kabupaten_codes)
group by all
order by kabupaten_code, kecamatan_code, desa_code, welfare_decile, is_extreme_poor, verification_status
