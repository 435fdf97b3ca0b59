-- Replace the kpi_target rows that share a key with the incoming rows, then insert the incoming rows.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
delete from kpi_target
using incoming
where kpi_target.moa_id = incoming.moa_id
    and kpi_target.kpi_code = incoming.kpi_code;
insert into kpi_target by name
select * from incoming
