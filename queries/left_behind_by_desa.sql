-- The left-behind per desa of $region: the verified targets reached by no household-level intervention that counts on
-- the date of $round_id (the households of queries/left_behind_households.sql), counted with their members, most
-- first. Read from summary_desa_reach (reached_on is the first date an intervention to the household counts), so a
-- province's count needs no household rows; the by-name list pages through left_behind_households.
-- privacy: counts=households_count,members_count
with left_behind as (
    select
        desa_code,
        sum(verified_targets_count) as households_count,
        sum(members_count) as members_count
    from summary_desa_reach
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and (reached_on is null or reached_on > round_as_of($round_id, $as_of))
    group by desa_code
),

final as (
    select
        l.desa_code,
        p.desa_name,
        p.kecamatan_name,
        l.households_count::bigint as households_count,
        l.members_count::bigint as members_count
    from left_behind as l
    inner join desa_place() as p on p.desa_code = l.desa_code
    where in_region(p.desa_code, $region)
    order by
        l.households_count desc,
        l.desa_code
)

select * from final
