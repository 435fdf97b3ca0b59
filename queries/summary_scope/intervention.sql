-- Interventions sharing a key with the incoming rows (before the write: the rows replaced; after it: the rows
-- written): the kabupaten of their household and of their own desa, and their MoA.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code, moa_id)
with changed as (
    select
        household_id,
        desa_code,
        moa_id
    from intervention
    where intervention_id in (select intervention_id from incoming)
)

select distinct
    h.kabupaten_code,
    c.moa_id
from changed as c
left join household as h on h.household_id = c.household_id
union
select distinct
    d.kabupaten_code,
    null as moa_id
from changed as c
inner join region as d on d.region_code = c.desa_code
