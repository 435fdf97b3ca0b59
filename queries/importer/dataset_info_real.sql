-- The database now holds real data: the sidebar, the briefing and the sign-in rules read these facts.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
insert or replace into dataset_info values ('is_synthetic', 'false');
insert or replace into dataset_info values ('real_imported_at', $imported_at);
insert or replace into dataset_info
select
    'real_import_kinds' as info_key,
    string_agg(distinct kind, ',' order by kind) as info_value
from import_log
where kind <> 'demo';
-- The as-of date of the real regions comes from their data, never from the clock (walk1 item 6): the end of the
-- latest monitoring round observed in a real household, its latest field verification, or the end of its P3KE
-- update year (not past the import: a file cannot hold later data). Without any dated real data (boundaries only),
-- no real_as_of: the regions keep the dataset's as_of (sinergi.data.dataset_info.region_as_of).
delete from dataset_info where info_key = 'real_as_of';
insert into dataset_info
with synthetic as (
    select string_split(coalesce(max(info_value), ''), ',') as provinces
    from dataset_info
    where info_key = 'synthetic_provinces'
),

real_household as (
    select
        h.household_id,
        h.verified_on,
        h.updated_year
    from household as h, synthetic as s
    where not list_contains(s.provinces, left(h.kabupaten_code, 2))
),

dated as (
    select max(r.ended_on) as on_date
    from household_observation as o
    inner join monitoring_round as r on o.round_id = r.round_id
    where o.household_id in (select household_id from real_household)
    union all
    select max(verified_on) as on_date from real_household
    union all
    -- least() skips a NULL: without any real household it would return the import's date
    select
        case
            when max(updated_year) is not null
                then least(make_date(max(updated_year), 12, 31), cast($imported_at as timestamp)::date)
        end as on_date
    from real_household
)

select
    'real_as_of' as info_key,
    strftime(max(on_date), '%Y-%m-%d') as info_value
from dated
having max(on_date) is not null
