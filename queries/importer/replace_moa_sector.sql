-- Replace the moa_sector rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from moa_sector
using incoming
where moa_sector.moa_id = incoming.moa_id
    and moa_sector.sector_code = incoming.sector_code;
insert into moa_sector by name
select * from incoming
