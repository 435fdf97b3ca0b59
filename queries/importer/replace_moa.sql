-- Replace the moa rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from moa
using incoming
where moa.moa_id = incoming.moa_id;
insert into moa by name
select * from incoming
