-- The same households in two rounds: counts per desa by extreme-poor status and welfare decile at
-- $baseline_round_id and at $round_id, for the valid households of $region observed in both rounds (panel in
-- queries/macros.sql: extreme poor in a round = expenditure below that round's line). is_target marks households
-- targeted by an MoA signed by $as_of (signed_target). Read from summary_desa_transition (queries/summary/), the
-- panel counted per desa with the date each household became a signed target.
-- privacy: counts=households_count
with observed as (
    select
        s.desa_code,
        coalesce(s.targeted_on <= $as_of, false) as is_target,
        s.was_extreme_poor,
        s.is_extreme_poor,
        s.baseline_decile,
        s.decile,
        s.households_count
    from summary_desa_transition as s
    where in_region_by_level(s.kabupaten_code, s.kecamatan_code, s.desa_code, $region)
        and s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
),

final as (
    select
        o.desa_code,
        d.name as desa_name,
        d.kecamatan_code,
        o.is_target,
        o.was_extreme_poor,
        o.is_extreme_poor,
        o.baseline_decile,
        o.decile,
        sum(o.households_count)::bigint as households_count
    from observed as o
    inner join region as d on d.region_code = o.desa_code
    group by all
    order by all
)

select * from final
