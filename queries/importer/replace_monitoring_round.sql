-- Replace the monitoring_round rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from monitoring_round
using incoming
where monitoring_round.round_id = incoming.round_id;
insert into monitoring_round by name
select * from incoming
