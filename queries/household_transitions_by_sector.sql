-- The same households in two rounds by sector of the household-level interventions they received (any source):
-- a household reached in two sectors counts in both; 'tanpa_intervensi' when it received none. Households in
-- $region observed at $baseline_round_id and $round_id; is_target marks households targeted by any MoA.
-- privacy: counts=households_count
with observed as (
    select
        h.household_id,
        h.household_id in (select household_id from moa_target_household) as is_target,
        b.expenditure_rp_per_capita_day < rb.poverty_line_rp_per_capita_day as was_extreme_poor,
        o.expenditure_rp_per_capita_day < ro.poverty_line_rp_per_capita_day as is_extreme_poor
    from household as h
    join household_observation as b on b.household_id = h.household_id and b.round_id = $baseline_round_id
    join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    join monitoring_round as rb on rb.round_id = b.round_id
    join monitoring_round as ro on ro.round_id = o.round_id
    where starts_with(h.desa_code || '.', $region || '.')
),

sectors as (
    select distinct
        household_id,
        coalesce(sector_code, 'lintas_sektor') as sector_code
    from intervention
    where household_id is not null
        and starts_with(desa_code || '.', $region || '.')
),

final as (
    select
        coalesce(s.sector_code, 'tanpa_intervensi') as sector_code,
        o.is_target,
        o.was_extreme_poor,
        o.is_extreme_poor,
        count(*) as households_count
    from observed as o
    left join sectors as s on s.household_id = o.household_id
    group by all
    order by all
)

select * from final
