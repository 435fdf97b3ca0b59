-- Replace the desa_distance rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from desa_distance
using incoming
where desa_distance.desa_code = incoming.desa_code;
insert into desa_distance by name
select * from incoming
