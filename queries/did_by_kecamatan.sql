-- Inputs for a difference-in-differences comparison per kecamatan of $region: MoA target households (treated)
-- against comparable non-targeted households (control: register deciles 1-2 in the same kecamatan, in no MoA
-- target), counting households observed at both $baseline_round_id and $round_id and how many were extreme poor
-- (expenditure below that round's poverty line) in each round.
-- privacy: counts=households_count,baseline_extreme_poor_count,extreme_poor_count
with households as (
    select
        h.household_id,
        h.kecamatan_code,
        h.household_id in (select household_id from moa_target_household) as is_target,
        h.welfare_decile
    from household as h
    where starts_with(h.desa_code || '.', $region || '.')
),

grouped as (
    select
        h.kecamatan_code,
        case when h.is_target then 'sasaran' else 'pembanding' end as group_code,
        b.expenditure_rp_per_capita_day < rb.poverty_line_rp_per_capita_day as was_extreme_poor,
        o.expenditure_rp_per_capita_day < ro.poverty_line_rp_per_capita_day as is_extreme_poor
    from households as h
    join household_observation as b on b.household_id = h.household_id and b.round_id = $baseline_round_id
    join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    join monitoring_round as rb on rb.round_id = b.round_id
    join monitoring_round as ro on ro.round_id = o.round_id
    where h.is_target or h.welfare_decile <= 2
),

final as (
    select
        g.kecamatan_code,
        k.name as kecamatan_name,
        g.group_code,
        count(*) as households_count,
        count(*) filter (where g.was_extreme_poor) as baseline_extreme_poor_count,
        count(*) filter (where g.is_extreme_poor) as extreme_poor_count
    from grouped as g
    join region as k on k.region_code = g.kecamatan_code
    group by all
    order by all
)

select * from final
