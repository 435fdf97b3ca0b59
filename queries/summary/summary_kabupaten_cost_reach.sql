-- Summary table: verified targets per kabupaten by the first date an intervention to them counts (reached_on,
-- summary_household_reach) and the first date one other than bansos counts (reached_without_bansos_on; null =
-- never), for the cost per household (queries/budget_cost_basis.sql): "reached on a date d" is reached_on <= d.
-- Budgets are kept per kabupaten, so the cost figures need no finer region.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_kabupaten_cost_reach
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        i.household_id,
        i.source,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counted_on
    from intervention as i
    left join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
),

first_counted as (
    select
        household_id,
        min(counted_on) as reached_on,
        min(counted_on) filter (where source <> 'bansos') as reached_without_bansos_on
    from counted
    where counted_on is not null
    group by household_id
)

select
    h.kabupaten_code,
    f.reached_on,
    f.reached_without_bansos_on,
    count(*) as verified_targets_count
from household as h
inner join first_counted as f on f.household_id = h.household_id
where is_verified_target(h.is_extreme_poor, h.verification_status)
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by all
