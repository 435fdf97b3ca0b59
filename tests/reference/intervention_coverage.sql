-- Coverage of the verified targets of $region (verified_target in queries/macros.sql) by the household-level
-- interventions that count on the date of $round_id (interventions_as_of at round_as_of: given by the end of its
-- fieldwork, never after $as_of, and not under a draft MoA), per source, per sector and per Inpres 4/2022 strategy
-- (dimension + dimension_value), with the amount given to them. A household reached twice under one value counts
-- once there.
-- privacy: counts=households_reached_count,target_households_count
with targets as (
    select household_id
    from verified_target
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
),

given as (
    select
        i.household_id,
        i.source,
        coalesce(i.sector_code, 'lintas_sektor') as sector_code,
        i.strategy,
        i.amount_rp
    from region_interventions_as_of($region, round_as_of($round_id, $as_of)) as i
    inner join targets as t on t.household_id = i.household_id
),

long as (
    select 'source' as dimension, source as dimension_value, household_id, amount_rp from given
    union all
    select 'sector', sector_code, household_id, amount_rp from given
    union all
    select 'strategy', strategy, household_id, amount_rp from given
),

final as (
    select
        dimension,
        dimension_value,
        count(distinct household_id) as households_reached_count,
        (select count(*) from targets) as target_households_count,
        sum(amount_rp) as amount_rp
    from long
    group by dimension, dimension_value
    order by dimension, households_reached_count desc, dimension_value
)

select * from final
