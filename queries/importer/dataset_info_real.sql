-- The database now holds real data: the sidebar, the briefing and the sign-in rules read these facts.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
insert or replace into dataset_info values ('is_synthetic', 'false');
insert or replace into dataset_info values ('real_imported_at', $imported_at);
insert or replace into dataset_info
select
    'real_import_kinds' as info_key,
    string_agg(distinct kind, ',' order by kind) as info_value
from import_log
where kind <> 'demo'
