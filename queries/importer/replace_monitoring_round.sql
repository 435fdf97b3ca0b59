-- Replace the monitoring_round rows that share a key with the incoming rows, then insert the incoming rows.
delete from monitoring_round
using incoming
where monitoring_round.round_id = incoming.round_id;
insert into monitoring_round by name
select * from incoming
