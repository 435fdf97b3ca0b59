-- Replace the moa rows that share a key with the incoming rows, then insert the incoming rows.
delete from moa
using incoming
where moa.moa_id = incoming.moa_id;
insert into moa by name
select * from incoming
