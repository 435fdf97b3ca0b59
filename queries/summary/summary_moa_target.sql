-- Summary table: target households per MoA and desa (moa_target_household with the household's region codes).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_moa_target
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    t.moa_id,
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    count(*) as households_count
from moa_target_household as t
inner join household as h on h.household_id = t.household_id
where in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by h.kabupaten_code, h.kecamatan_code, h.desa_code, t.moa_id
