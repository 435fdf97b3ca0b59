-- National-shape demo: the observations of MoA target households, for the KPI values their targets follow.
-- privacy: admin-only (a statement of the demo generator, never read by a page)
select
    o.*,
    h.mothers_children_count
from household_observation as o
inner join household as h on h.household_id = o.household_id
where o.household_id in (select household_id from moa_target_household)
order by o.household_id, o.round_id
