-- A KPI definition enters every KPI row of every kabupaten: a change rebuilds every summary row.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (is_everything)
select true
from incoming
limit 1
