-- Replace the moa_sector rows that share a key with the incoming rows, then insert the incoming rows.
delete from moa_sector
using incoming
where moa_sector.moa_id = incoming.moa_id
    and moa_sector.sector_code = incoming.sector_code;
insert into moa_sector by name
select * from incoming
