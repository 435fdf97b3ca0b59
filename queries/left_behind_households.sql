-- The left-behind list: the verified targets of $region (verified_target in queries/macros.sql) reached by no
-- household-level intervention that counts on the date of $round_id (interventions_as_of at round_as_of: given by
-- the end of its fieldwork, never after $as_of, and not under a draft MoA; summary_household_reach holds the first
-- date each household's interventions count). The head's age is taken on that date.
-- One page of the list: $page_size rows (null = all, for the export) from row $page_offset, in desa and household
-- order (stable: household_id is unique); queries/left_behind_by_desa.sql counts them for the number of pages.
-- Names and NIK are returned only when $show_names is true (otherwise null), so that a by-name list leaves the
-- database only on purpose.
-- privacy: household-rows; counts=members_count; personal=head_name,head_nik
with targets as (
    select h.*
    from verified_target as h
    where in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, $region)
),

-- the first date each target is reached, if ever (one row per household in the summary), compared with the round's
-- date only after the join: compared first, DuckDB read and hashed the whole country's 16 M rows (at 20 M)
left_behind as (
    select t.*
    from targets as t
    left join summary_household_reach as r on r.household_id = t.household_id
    where r.reached_on is null
        or r.reached_on > round_as_of($round_id, $as_of)
),

final as (
    select
        l.household_id,
        l.desa_code,
        d.name as desa_name,
        k.name as kecamatan_name,
        l.members_count,
        l.head_sex,
        date_sub('year', l.head_birth_on, round_as_of($round_id, $as_of)) as head_age_years,
        l.has_disability_member,
        l.verification_status,
        case when $show_names then l.head_name end as head_name,
        case when $show_names then l.head_nik end as head_nik
    from left_behind as l
    -- the region's own rows of the region table (kept in code order) and its kecamatan's (left(region, 8) is the
    -- kecamatan of a desa, the region itself above): joined unscoped, DuckDB hashed all 92 k regions twice
    inner join region as d on d.region_code = l.desa_code and in_region(d.region_code, $region)
    inner join region as k on k.region_code = l.kecamatan_code and in_region(k.region_code, left($region, 8))
    order by l.desa_code, l.household_id
    limit $page_size
    offset $page_offset
)

select * from final
