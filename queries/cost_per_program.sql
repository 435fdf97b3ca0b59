-- Cost per household of the budget programs of the kabupaten of $region that interventions name (the same program
-- name in budget_allocation and intervention, in the same kabupaten): the program's budget realised in the years up
-- to the date of $round_id (round_as_of) divided by the households its interventions reached by that date
-- (interventions_as_of; summary_kabupaten_program_reach: first counted date per household and program). Programs
-- without such interventions are left out (their cost per household is unknown).
-- privacy: counts=households_reached_count
-- privacy: amounts=none (realised_rp: the program's budget, public in the APBD, not summed over households)
with budget as (
    select
        kabupaten_code,
        program,
        min(sector_code) as sector_code,
        sum(realised_rp) as realised_rp
    from budget_as_of($region, $round_id, $as_of)
    group by kabupaten_code, program
),

reached as (
    select
        r.kabupaten_code,
        r.program,
        sum(r.households_count)::bigint as households_reached_count
    from summary_kabupaten_program_reach as r
    where in_kabupaten_of(r.kabupaten_code, $region)
        and r.reached_on <= round_as_of($round_id, $as_of)
    group by r.kabupaten_code, r.program
),

final as (
    select
        b.kabupaten_code,
        k.name as kabupaten_name,
        b.program,
        b.sector_code,
        b.realised_rp,
        r.households_reached_count,
        b.realised_rp / r.households_reached_count as per_household_rp
    from budget as b
    inner join reached as r on r.kabupaten_code = b.kabupaten_code and r.program = b.program
    inner join region as k on k.region_code = b.kabupaten_code
    order by b.kabupaten_code, b.program
)

select * from final
