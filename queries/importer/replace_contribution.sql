-- Replace the contribution rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from contribution
using incoming
where contribution.contribution_id = incoming.contribution_id;
insert into contribution by name
select * from incoming
