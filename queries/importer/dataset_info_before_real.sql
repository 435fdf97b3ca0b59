-- Before the first real import: remember which provinces hold the synthetic demo (they stay synthetic after it).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
insert or replace into dataset_info
with provinces as (
    select coalesce(string_agg(region_code, ',' order by region_code), '') as codes
    from region
    where level = 'provinsi'
)

select
    'synthetic_provinces' as info_key,
    codes as info_value
from provinces
where exists (select 1 from dataset_info where info_key = 'is_synthetic' and info_value = 'true')
    and not exists (select 1 from dataset_info where info_key = 'synthetic_provinces')
