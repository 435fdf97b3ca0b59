-- Summary table: each household with an intervention, by the first date one counts (reached_on) and the first date a
-- collaboration or CSR one counts (collaboration_reached_on; null = never). An intervention counts on a date when it
-- was given by then and is not under an MoA unsigned on that date (interventions_as_of): from greatest(given_on,
-- signed_on) under a signed MoA, from given_on without one, never under a draft. So "reached on $as_of" is
-- reached_on <= $as_of for any date. Kept in household order (the id starts with the desa's digits).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_household_reach
where in_summary_household_scope(household_id, $kabupaten_codes);

with counted as (
    select
        i.household_id,
        i.source in ('kolaborasi', 'csr') as is_collaboration,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counts_on
    from intervention as i
    left join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
)

select
    household_id,
    min(counts_on) as reached_on,
    min(counts_on) filter (where is_collaboration) as collaboration_reached_on
from counted
where counts_on is not null
group by household_id
order by household_id
