-- The parts of the cost per household for the kabupaten of $region (budgets are kept per kabupaten, so a kecamatan
-- gets its kabupaten's figure) on the date of $round_id (round_as_of), each numerator with the denominator of the
-- same scope: realised_rp = budget realised in the years up to that date (no bansos in it) against
-- reached_without_bansos_count = verified targets reached by a counted intervention other than bansos; realised_rp +
-- bansos_rp (bansos received by the verified targets by that date) against reached_households_count = verified
-- targets reached by any counted intervention (interventions_as_of); left_extreme_poverty_count = valid households
-- below the line at $baseline_round_id and not at $round_id (panel, counted per desa in summary_desa_transition).
-- The reached verified targets and their bansos are read from summary_kabupaten_cost_reach and
-- summary_kabupaten_bansos (first counted dates per kabupaten).
-- privacy: counts=reached_households_count,reached_without_bansos_count,left_extreme_poverty_count
-- privacy: amounts=none (one row of kabupaten headline figures, exact by rule 1; realised_rp is the budget)
with spent as (
    select sum(b.realised_rp) as realised_rp
    from budget_as_of($region, $round_id, $as_of) as b
),

on_date as (
    select round_as_of($round_id, $as_of) as counted_by
),

reached as (
    select
        coalesce(sum(r.verified_targets_count) filter (where r.reached_on <= d.counted_by), 0)::bigint
            as reached_households_count,
        coalesce(sum(r.verified_targets_count) filter (where r.reached_without_bansos_on <= d.counted_by), 0)::bigint
            as reached_without_bansos_count
    from summary_kabupaten_cost_reach as r, on_date as d
    where in_kabupaten_of(r.kabupaten_code, $region)
),

bansos as (
    select coalesce(sum(b.amount_rp) filter (where b.counted_on <= d.counted_by), 0) as bansos_rp
    from summary_kabupaten_bansos as b, on_date as d
    where in_kabupaten_of(b.kabupaten_code, $region)
),

left_poverty as (
    select coalesce(sum(households_count), 0)::bigint as left_extreme_poverty_count
    from summary_desa_transition
    where in_kabupaten_of(kabupaten_code, $region)
        and baseline_round_id = $baseline_round_id
        and round_id = $round_id
        and was_extreme_poor
        and not is_extreme_poor
),

final as (
    select
        year(round_as_of($round_id, $as_of)) as up_to_year,
        coalesce(s.realised_rp, 0) as realised_rp,
        b.bansos_rp,
        r.reached_households_count,
        r.reached_without_bansos_count,
        l.left_extreme_poverty_count
    from spent as s, reached as r, bansos as b, left_poverty as l
)

select * from final
