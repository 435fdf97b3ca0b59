-- MoAs sharing a key with the incoming rows: the MoAs themselves, their own kabupaten and the kabupaten of every
-- household they target or reached and of every desa given an intervention under them (their signing date and status
-- decide targeted_on, reached_on and when a partner's work counts there).
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code, moa_id)
with changed as (
    select moa_id
    from incoming
)

select
    m.kabupaten_code,
    m.moa_id
from moa as m
where m.moa_id in (select moa_id from changed)
union
select
    h.kabupaten_code,
    null as moa_id
from moa_target_household as t
inner join household as h on h.household_id = t.household_id
where t.moa_id in (select moa_id from changed)
union
select
    h.kabupaten_code,
    null as moa_id
from intervention as i
inner join household as h on h.household_id = i.household_id
where i.moa_id in (select moa_id from changed)
union
select
    d.kabupaten_code,
    null as moa_id
from intervention as i
inner join region as d on d.region_code = i.desa_code
where i.moa_id in (select moa_id from changed)
