-- Materialise the registered Arrow rows once: key lookups and the primary-key insert then read native columns.
create or replace temp table incoming as
select * from incoming_arrow
