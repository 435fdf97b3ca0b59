-- Replace the household rows that share a key with the incoming rows, then insert the incoming rows; the raw values
-- kept for a replaced family go with it (the new file's unknown values are inserted after).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from household_raw_value
using incoming
where household_raw_value.household_id = incoming.household_id;
delete from household
using incoming
where household.household_id = incoming.household_id;
insert into household by name
select * from incoming
