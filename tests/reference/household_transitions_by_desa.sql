-- The same households in two rounds: counts per desa by extreme-poor status and welfare decile at
-- $baseline_round_id and at $round_id, for the valid households of $region observed in both rounds (panel in
-- queries/macros.sql: extreme poor in a round = expenditure below that round's line). is_target marks households
-- targeted by an MoA signed by $as_of (signed_target).
-- privacy: counts=households_count
with observed as (
    select
        p.*,
        p.household_id in (select household_id from signed_target($as_of)) as is_target
    from panel($baseline_round_id, $round_id) as p
    where in_region_by_level(p.kabupaten_code, p.kecamatan_code, p.desa_code, $region)
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
        count(*) as households_count
    from observed as o
    inner join region as d on d.region_code = o.desa_code
    group by all
    order by all
)

select * from final
