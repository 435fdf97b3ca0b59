-- Cost per household of each MoA of $region signed by $as_of (moa_as_of, moa_in_region): its contributions
-- realised so far (contributions carry no date: they stand as of the dataset) divided by its target households
-- reached by its own interventions by $as_of (interventions_as_of), and by its target households that left extreme
-- poverty between $baseline_round_id and $round_id (panel: below the line then, not now; an exit is not the MoA's
-- doing alone). Whole-MoA figures, also on a kecamatan page. Read from the summary tables summary_moa_target,
-- summary_moa_reach and summary_moa_transition (queries/summary/).
-- privacy: counts=target_households_count,reached_households_count,left_extreme_poverty_count
-- privacy: amounts=none (contributions pledged and realised under an MoA, not summed over households)
with targets as (
    select
        moa_id,
        sum(households_count)::bigint as target_households_count
    from summary_moa_target
    group by moa_id
),

reached as (
    select
        moa_id,
        sum(households_count)::bigint as reached_households_count
    from summary_moa_reach
    where reached_on <= $as_of
    group by moa_id
),

left_poverty as (
    select
        moa_id,
        left_extreme_poverty_count
    from summary_moa_transition
    where baseline_round_id = $baseline_round_id
        and round_id = $round_id
),

final as (
    select
        m.moa_id,
        m.title,
        m.kabupaten_code,
        m.status,
        coalesce(mo.pledged_rp, 0) as pledged_rp,
        coalesce(mo.realised_rp, 0) as realised_rp,
        coalesce(t.target_households_count, 0) as target_households_count,
        coalesce(r.reached_households_count, 0) as reached_households_count,
        coalesce(l.left_extreme_poverty_count, 0) as left_extreme_poverty_count,
        mo.realised_rp / nullif(coalesce(r.reached_households_count, 0), 0) as per_reached_rp,
        mo.realised_rp / nullif(coalesce(l.left_extreme_poverty_count, 0), 0) as per_left_rp
    from moa_as_of($as_of) as m
    left join moa_money as mo on mo.moa_id = m.moa_id
    left join targets as t on t.moa_id = m.moa_id
    left join reached as r on r.moa_id = m.moa_id
    left join left_poverty as l on l.moa_id = m.moa_id
    where m.is_signed
        and m.moa_id in (select moa_id from moa_in_region($region))
    order by m.moa_id
)

select * from final
