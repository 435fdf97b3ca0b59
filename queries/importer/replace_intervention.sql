-- Replace the intervention rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from intervention
using incoming
where intervention.intervention_id = incoming.intervention_id;
insert into intervention by name
select * from incoming
