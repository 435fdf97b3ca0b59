-- Replace the household_observation rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from household_observation
using incoming
where household_observation.household_id = incoming.household_id
    and household_observation.round_id = incoming.round_id;
insert into household_observation by name
select * from incoming
