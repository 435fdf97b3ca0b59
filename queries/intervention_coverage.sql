-- Coverage of the verified targets of $region (verified_target in queries/macros.sql) by the household-level
-- interventions that count on the date of $round_id (interventions_as_of at round_as_of: given by the end of its
-- fieldwork, never after $as_of, and not under a draft MoA), per source, per sector and per Inpres 4/2022 strategy
-- (dimension + dimension_value), with the amount given to them. A household reached twice under one value counts
-- once there. Read from summary_desa_intervention_reach (a household counts on the first date one of that value
-- counts) and summary_desa_household (the targets): tests/reference/intervention_coverage.sql is the same figure
-- from the household and intervention rows.
-- privacy: counts=households_reached_count,target_households_count
-- privacy: amounts=amount_rp/households_reached_count (given to the households reached, many at a fixed rate)
with targets as (
    select coalesce(sum(households_count), 0)::bigint as target_households_count
    from summary_desa_household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and is_verified_target(is_extreme_poor, verification_status)
),

-- one scan, three groupings: the households of a value are summed from that value's own column
reached as (
    select
        case
            when grouping(source) = 0 then 'source'
            when grouping(sector_code) = 0 then 'sector'
            else 'strategy'
        end as dimension,
        case
            when grouping(source) = 0 then source
            when grouping(sector_code) = 0 then sector_code
            else strategy
        end as dimension_value,
        case
            when grouping(source) = 0 then sum(source_households_count)
            when grouping(sector_code) = 0 then sum(sector_households_count)
            else sum(strategy_households_count)
        end::bigint as households_reached_count,
        sum(amount_rp) as amount_rp
    from summary_desa_intervention_reach
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and counted_on <= round_as_of($round_id, $as_of)
    group by grouping sets ((source), (sector_code), (strategy))
),

final as (
    select
        r.dimension,
        r.dimension_value,
        r.households_reached_count,
        t.target_households_count,
        r.amount_rp
    from reached as r
    cross join targets as t
    order by r.dimension, r.households_reached_count desc, r.dimension_value
)

select * from final
