-- Summary table: target households of each MoA by the first date one of that MoA's own interventions to them counts
-- (interventions_as_of: given by then, the MoA signed by then and not a draft), for the cost per reached household.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_moa_reach
where in_summary_moa_scope(moa_id, $kabupaten_codes);

with counted as (
    select
        i.moa_id,
        i.household_id,
        min(greatest(i.given_on, m.signed_on)) as reached_on
    from intervention as i
    inner join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and m.status <> 'draft'
        and m.signed_on is not null
        and in_summary_moa_scope(i.moa_id, $kabupaten_codes)
    group by i.moa_id, i.household_id
)

select
    t.moa_id,
    c.reached_on,
    count(*) as households_count
from moa_target_household as t
inner join counted as c on c.moa_id = t.moa_id and c.household_id = t.household_id
where in_summary_moa_scope(t.moa_id, $kabupaten_codes)
group by all
order by all
