-- Replace the region rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from region
using incoming
where region.region_code = incoming.region_code;
insert into region by name
select * from incoming
