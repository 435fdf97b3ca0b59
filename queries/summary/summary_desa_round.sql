-- Summary table: valid households per desa and monitoring round observed in the survey, and those observed below
-- the round's extreme-poverty line (round_observation, is_valid_household in queries/macros.sql).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_round
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    o.round_id,
    count(*) as observed_households_count,
    count(*) filter (where o.is_below_line) as observed_extreme_poor_count
from household as h
inner join round_observation as o on o.household_id = h.household_id
where is_valid_household(h.verification_status)
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by h.kabupaten_code, h.kecamatan_code, h.desa_code, o.round_id
