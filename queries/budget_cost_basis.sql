-- Denominators for cost per household, for the kabupaten of $region: realised budget up to the year of
-- $round_id's fieldwork; verified extreme-poor target households reached by a household-level intervention; and
-- register households observed extreme poor at $baseline_round_id but not at $round_id (left extreme poverty).
-- privacy: counts=reached_households_count,left_extreme_poverty_count
with kabupaten as (
    select region_code
    from region
    where level = 'kabupaten'
        and (starts_with(region_code || '.', $region || '.') or starts_with($region || '.', region_code || '.'))
),

spent as (
    select sum(b.realised_rp) as realised_rp
    from budget_allocation as b
    where b.kabupaten_code in (select region_code from kabupaten)
        and b.year <= (select year(ended_on) from monitoring_round where round_id = $round_id)
),

households as (
    select h.*
    from household as h
    where h.kabupaten_code in (select region_code from kabupaten)
),

reached as (
    select count(*) as reached_households_count
    from households as h
    where h.welfare_decile = 1
        and h.verification_status in ('valid', 'tambahan_musdes')
        and exists (select 1 from intervention as i where i.household_id = h.household_id)
),

left_poverty as (
    select count(*) as left_extreme_poverty_count
    from households as h
    join household_observation as b on b.household_id = h.household_id and b.round_id = $baseline_round_id
    join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    join monitoring_round as rb on rb.round_id = b.round_id
    join monitoring_round as ro on ro.round_id = o.round_id
    where b.expenditure_rp_per_capita_day < rb.poverty_line_rp_per_capita_day
        and o.expenditure_rp_per_capita_day >= ro.poverty_line_rp_per_capita_day
),

final as (
    select
        (select year(ended_on) from monitoring_round where round_id = $round_id) as up_to_year,
        s.realised_rp,
        r.reached_households_count,
        l.left_extreme_poverty_count
    from spent as s, reached as r, left_poverty as l
)

select * from final
