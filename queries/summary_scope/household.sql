-- Household rows sharing a key with the incoming rows (run before the write: the rows replaced; after it: the rows
-- written): their kabupaten. The MoAs targeting them follow from the kabupaten (in_summary_moa_scope).
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code)
select distinct h.kabupaten_code
from household as h
where h.household_id in (select household_id from incoming)
