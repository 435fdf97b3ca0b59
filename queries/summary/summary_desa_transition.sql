-- Summary table: the panel (queries/macros.sql, written out here for every pair of rounds at once) per desa: valid
-- households observed in both rounds by extreme-poor status and welfare decile at each, and the date they first
-- became a signed MoA target (summary_household_target; null = never): is_target on $as_of is targeted_on <= $as_of.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_transition
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    b.round_id as baseline_round_id,
    o.round_id,
    t.targeted_on,
    b.is_below_line as was_extreme_poor,
    o.is_below_line as is_extreme_poor,
    b.welfare_decile as baseline_decile,
    o.welfare_decile as decile,
    count(*) as households_count
from household as h
inner join round_observation as b on b.household_id = h.household_id
inner join round_observation as o on o.household_id = h.household_id
left join summary_household_target as t on t.household_id = h.household_id
where is_valid_household(h.verification_status)
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by all
