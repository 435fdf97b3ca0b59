-- Helper table for the summaries below: each household targeted by an MoA with the first date an MoA targeting it
-- is signed (signed_target: status aktif, diperpanjang or berakhir and signed_on by the date), null = never.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_household_target
where in_summary_household_scope(household_id, $kabupaten_codes);

select
    t.household_id,
    min(m.signed_on) filter (where is_signed_status(m.status)) as targeted_on
from moa_target_household as t
inner join moa as m on m.moa_id = t.moa_id
where in_summary_household_scope(t.household_id, $kabupaten_codes)
group by t.household_id
order by t.household_id
