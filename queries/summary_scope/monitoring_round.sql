-- A round's poverty line and fieldwork dates decide every household's status and every transition: a change to a
-- round rebuilds every summary row.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (is_everything)
select true
from incoming
limit 1
