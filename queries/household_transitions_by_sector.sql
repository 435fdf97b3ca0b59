-- The same households in two rounds by sector of the household-level interventions they received (any source) that
-- count on the date of $round_id (interventions_as_of at round_as_of): a household reached in two sectors counts in
-- both; 'tanpa_intervensi' when it received none. Valid households of $region observed at $baseline_round_id and
-- $round_id (panel); is_target marks households targeted by an MoA signed by $as_of (signed_target). Read from
-- summary_desa_transition_sector, which holds the sectors counted by the end of the round's fieldwork: the answer
-- when that end is on or before $as_of (round_as_of is then the end). Before it the sectors depend on the
-- interventions' own dates: this query returns no rows then, and household_transitions_by_sector_rows answers
-- (sinergi.monitoring.analysis.transitions_by_sector_query picks the one).
-- privacy: counts=households_count
with round_end as (
    select r.round_id
    from monitoring_round as r
    where r.round_id = $round_id
        and r.ended_on <= $as_of
),

final as (
    select
        s.sector_code,
        coalesce(s.targeted_on <= $as_of, false) as is_target,
        s.was_extreme_poor,
        s.is_extreme_poor,
        sum(s.households_count)::bigint as households_count
    from summary_desa_transition_sector as s
    semi join round_end as e on e.round_id = s.round_id
    where s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
        and in_region(s.desa_code, $region)
    group by all
    order by all
)

select * from final
