-- Replace the budget_allocation rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from budget_allocation
using incoming
where budget_allocation.budget_id = incoming.budget_id;
insert into budget_allocation by name
select * from incoming
