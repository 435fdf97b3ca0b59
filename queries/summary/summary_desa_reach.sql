-- Summary table: verified targets per desa by the first date an intervention to them counts (reached_on) and the
-- first date a collaboration or CSR intervention counts (collaboration_reached_on; summary_household_reach); null =
-- never. So "verified targets reached on $as_of" is the rows with reached_on <= $as_of, for any date; the others are
-- the left-behind (queries/left_behind_by_desa.sql), counted with their members.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_reach
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    f.reached_on,
    f.collaboration_reached_on,
    count(*) as verified_targets_count,
    sum(h.members_count) as members_count
from household as h
left join summary_household_reach as f on f.household_id = h.household_id
where is_verified_target(h.is_extreme_poor, h.verification_status)
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by h.kabupaten_code, h.kecamatan_code, h.desa_code, f.reached_on, f.collaboration_reached_on
