-- The left-behind list: verified extreme-poor households in $region (decile 1, verification valid or
-- tambahan_musdes) reached by no household-level intervention from any source. Names and NIK are returned only when
-- $show_names is true (otherwise null), so that a by-name list leaves the database only on purpose.
-- privacy: household-rows; counts=members_count; personal=head_name,head_nik
with left_behind as (
    select h.*
    from household as h
    where starts_with(h.desa_code || '.', $region || '.')
        and h.welfare_decile = 1
        and h.verification_status in ('valid', 'tambahan_musdes')
        and not exists (select 1 from intervention as i where i.household_id = h.household_id)
),

final as (
    select
        l.household_id,
        l.desa_code,
        d.name as desa_name,
        k.name as kecamatan_name,
        l.members_count,
        l.head_sex,
        date_sub('year', l.head_birth_on, $today) as head_age_years,
        l.has_disability_member,
        l.verification_status,
        case when $show_names then l.head_name end as head_name,
        case when $show_names then l.head_nik end as head_nik
    from left_behind as l
    join region as d on d.region_code = l.desa_code
    join region as k on k.region_code = l.kecamatan_code
    order by l.desa_code, l.household_id
)

select * from final
