-- Replace the region rows that share a key with the incoming rows, then insert the incoming rows.
delete from region
using incoming
where region.region_code = incoming.region_code;
insert into region by name
select * from incoming
