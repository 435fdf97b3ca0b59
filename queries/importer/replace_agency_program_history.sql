-- Replace the agency_program_history rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from agency_program_history
using incoming
where agency_program_history.history_id = incoming.history_id;
insert into agency_program_history by name
select * from incoming
