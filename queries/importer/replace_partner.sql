-- Replace the partner rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from partner
using incoming
where partner.partner_id = incoming.partner_id;
insert into partner by name
select * from incoming
