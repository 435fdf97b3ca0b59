-- MoA targets sharing a key with the incoming rows (before and after the write): the MoA and the kabupaten of the
-- household.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code, moa_id)
select distinct
    h.kabupaten_code,
    t.moa_id
from moa_target_household as t
left join household as h on h.household_id = t.household_id
where exists (
    select 1
    from incoming as n
    where n.moa_id = t.moa_id
        and n.household_id = t.household_id
)
