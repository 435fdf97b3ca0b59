-- Materialise the registered Arrow rows once: key lookups and the primary-key insert then read native columns.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
create or replace temp table incoming as
select * from incoming_arrow
