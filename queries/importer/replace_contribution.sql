-- Replace the contribution rows that share a key with the incoming rows, then insert the incoming rows.
delete from contribution
using incoming
where contribution.contribution_id = incoming.contribution_id;
insert into contribution by name
select * from incoming
