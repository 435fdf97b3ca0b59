-- Summary table: target households of each MoA that left extreme poverty between two rounds (the panel of queries/
-- macros.sql for every pair of rounds: valid, below the line at the first and not at the second).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_moa_transition
where in_summary_moa_scope(moa_id, $kabupaten_codes);

select
    t.moa_id,
    b.round_id as baseline_round_id,
    o.round_id,
    count(*) filter (where b.is_below_line and not o.is_below_line) as left_extreme_poverty_count
from moa_target_household as t
inner join household as h on h.household_id = t.household_id
inner join round_observation as b on b.household_id = h.household_id
inner join round_observation as o on o.household_id = h.household_id
where is_valid_household(h.verification_status)
    and in_summary_moa_scope(t.moa_id, $kabupaten_codes)
group by all
order by all
