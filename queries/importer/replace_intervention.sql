-- Replace the intervention rows that share a key with the incoming rows, then insert the incoming rows.
delete from intervention
using incoming
where intervention.intervention_id = incoming.intervention_id;
insert into intervention by name
select * from incoming
