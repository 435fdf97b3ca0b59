-- Replace the household rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from household
using incoming
where household.household_id = incoming.household_id;
insert into household by name
select * from incoming
