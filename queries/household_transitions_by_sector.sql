-- The same households in two rounds by sector of the household-level interventions they received (any source) that
-- count on the date of $round_id (interventions_as_of at round_as_of): a household reached in two sectors counts in
-- both; 'tanpa_intervensi' when it received none. Valid households of $region observed at $baseline_round_id and
-- $round_id (panel); is_target marks households targeted by an MoA signed by $as_of (signed_target). When the round's
-- date is the end of its fieldwork (as_of on or after it) the counts come from summary_desa_transition_sector; before
-- it (a round still in the field, or an earlier $as_of) from the rows, which the interventions' dates need.
-- privacy: counts=households_count
with on_date as (
    select
        round_as_of($round_id, $as_of) as counted_by,
        coalesce(round_as_of($round_id, $as_of) = r.ended_on, false) as is_round_end
    from monitoring_round as r
    where r.round_id = $round_id
),

from_summary as (
    select
        s.sector_code,
        coalesce(s.targeted_on <= $as_of, false) as is_target,
        s.was_extreme_poor,
        s.is_extreme_poor,
        s.households_count
    from summary_desa_transition_sector as s
    semi join on_date as d on d.is_round_end
    where s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
        and in_region(s.desa_code, $region)
),

observed as (
    select
        p.household_id,
        p.household_id in (select household_id from signed_target($as_of)) as is_target,
        p.was_extreme_poor,
        p.is_extreme_poor
    from panel($baseline_round_id, $round_id) as p
    semi join on_date as d on not d.is_round_end
    where in_region_by_level(p.kabupaten_code, p.kecamatan_code, p.desa_code, $region)
),

sectors as (
    select distinct
        household_id,
        coalesce(sector_code, 'lintas_sektor') as sector_code
    from interventions_as_of(round_as_of($round_id, $as_of))
    where household_id is not null
        and in_region(desa_code, $region)
),

from_rows as (
    select
        coalesce(s.sector_code, 'tanpa_intervensi') as sector_code,
        o.is_target,
        o.was_extreme_poor,
        o.is_extreme_poor,
        count(*) as households_count
    from observed as o
    left join sectors as s on s.household_id = o.household_id
    group by all
),

final as (
    select
        sector_code,
        is_target,
        was_extreme_poor,
        is_extreme_poor,
        sum(households_count)::bigint as households_count
    from (
        select * from from_summary
        union all
        select * from from_rows
    )
    group by all
    order by all
)

select * from final
