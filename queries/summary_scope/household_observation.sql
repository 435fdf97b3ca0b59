-- Survey rows of the incoming households (before and after the write): the kabupaten of those households.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code)
select distinct h.kabupaten_code
from household as h
where h.household_id in (select household_id from incoming)
