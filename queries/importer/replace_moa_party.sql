-- Replace the moa_party rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from moa_party
using incoming
where moa_party.moa_id = incoming.moa_id
    and moa_party.partner_id = incoming.partner_id;
insert into moa_party by name
select * from incoming
