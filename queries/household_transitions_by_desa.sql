-- The same households in two rounds: counts per desa by extreme-poor status and welfare decile at
-- $baseline_round_id and at $round_id, for households in $region observed in both rounds. is_target marks
-- households targeted by any MoA. Extreme poor in a round = expenditure below that round's poverty line.
-- privacy: counts=households_count
with observed as (
    select
        h.household_id,
        h.desa_code,
        h.household_id in (select household_id from moa_target_household) as is_target,
        b.expenditure_rp_per_capita_day < rb.poverty_line_rp_per_capita_day as was_extreme_poor,
        o.expenditure_rp_per_capita_day < ro.poverty_line_rp_per_capita_day as is_extreme_poor,
        b.welfare_decile as baseline_decile,
        o.welfare_decile as decile
    from household as h
    join household_observation as b on b.household_id = h.household_id and b.round_id = $baseline_round_id
    join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    join monitoring_round as rb on rb.round_id = b.round_id
    join monitoring_round as ro on ro.round_id = o.round_id
    where starts_with(h.desa_code || '.', $region || '.')
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
    join region as d on d.region_code = o.desa_code
    group by all
    order by all
)

select * from final
