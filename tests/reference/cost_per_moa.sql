-- Cost per household of each MoA of $region signed by $as_of (moa_as_of, moa_in_region): its contributions
-- realised so far (contributions carry no date: they stand as of the dataset) divided by its target households
-- reached by its own interventions by $as_of (interventions_as_of), and by its target households that left extreme
-- poverty between $baseline_round_id and $round_id (panel: below the line then, not now; an exit is not the MoA's
-- doing alone). Whole-MoA figures, also on a kecamatan page.
-- privacy: counts=target_households_count,reached_households_count,left_extreme_poverty_count
with targets as (
    select
        t.moa_id,
        count(*) as target_households_count,
        count(*) filter (
            where exists (
                select 1
                from interventions_as_of($as_of) as i
                where i.moa_id = t.moa_id
                    and i.household_id = t.household_id
            )
        ) as reached_households_count,
        count(*) filter (where p.was_extreme_poor and not p.is_extreme_poor) as left_extreme_poverty_count
    from moa_target_household as t
    left join panel($baseline_round_id, $round_id) as p on p.household_id = t.household_id
    group by t.moa_id
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
        coalesce(t.reached_households_count, 0) as reached_households_count,
        coalesce(t.left_extreme_poverty_count, 0) as left_extreme_poverty_count,
        mo.realised_rp / nullif(t.reached_households_count, 0) as per_reached_rp,
        mo.realised_rp / nullif(t.left_extreme_poverty_count, 0) as per_left_rp
    from moa_as_of($as_of) as m
    left join moa_money as mo on mo.moa_id = m.moa_id
    left join targets as t on t.moa_id = m.moa_id
    where m.is_signed
        and m.moa_id in (select moa_id from moa_in_region($region))
    order by m.moa_id
)

select * from final
