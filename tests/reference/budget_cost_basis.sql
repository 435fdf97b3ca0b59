-- The parts of the cost per household for the kabupaten of $region (budgets are kept per kabupaten, so a kecamatan
-- gets its kabupaten's figure) on the date of $round_id (round_as_of), each numerator with the denominator of the
-- same scope: realised_rp = budget realised in the years up to that date (no bansos in it) against
-- reached_without_bansos_count = verified targets reached by a counted intervention other than bansos; realised_rp +
-- bansos_rp (bansos received by the verified targets by that date) against reached_households_count = verified
-- targets reached by any counted intervention (interventions_as_of); left_extreme_poverty_count = valid households
-- below the line at $baseline_round_id and not at $round_id (panel).
-- privacy: counts=reached_households_count,reached_without_bansos_count,left_extreme_poverty_count
with kabupaten as (
    select region_code
    from region
    where level = 'kabupaten'
        and region_overlaps(region_code, $region)
),

spent as (
    select sum(b.realised_rp) as realised_rp
    from budget_as_of($region, $round_id, $as_of) as b
),

given as (
    select
        count(distinct t.household_id) as reached_households_count,
        count(distinct t.household_id) filter (where i.source <> 'bansos') as reached_without_bansos_count,
        coalesce(sum(i.amount_rp) filter (where i.source = 'bansos'), 0) as bansos_rp
    from verified_target as t
    inner join interventions_as_of(round_as_of($round_id, $as_of)) as i on i.household_id = t.household_id
    where t.kabupaten_code in (select region_code from kabupaten)
),

left_poverty as (
    select count(*) as left_extreme_poverty_count
    from panel($baseline_round_id, $round_id) as p
    where p.kabupaten_code in (select region_code from kabupaten)
        and p.was_extreme_poor
        and not p.is_extreme_poor
),

final as (
    select
        year(round_as_of($round_id, $as_of)) as up_to_year,
        coalesce(s.realised_rp, 0) as realised_rp,
        g.bansos_rp,
        g.reached_households_count,
        g.reached_without_bansos_count,
        l.left_extreme_poverty_count
    from spent as s, given as g, left_poverty as l
)

select * from final
