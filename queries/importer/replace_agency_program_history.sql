-- Replace the agency_program_history rows that share a key with the incoming rows, then insert the incoming rows.
delete from agency_program_history
using incoming
where agency_program_history.history_id = incoming.history_id;
insert into agency_program_history by name
select * from incoming
