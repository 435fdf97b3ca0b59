-- MoAs of a region with the flags that put them on the regent's decision list on $as_of (moa_as_of in
-- queries/macros.sql): ending within 90 days or ended without a renewal decision, with the latest stage date for
-- the stuck rule (sinergi.common.stuck, the one rule of every page) and behind-target flags from the KPI contract
-- (sinergi.monitoring.kpi), both in Python.
-- privacy: counts=none (agreements; days_to_end_count counts days)
with last_stage as (
    select
        moa_id,
        max(reached_on) as stage_reached_on
    from moa_stage
    group by moa_id
),

final as (
    select
        m.* exclude (scope, resources, action_plan),
        s.stage_reached_on
    from moa_as_of($as_of) as m
    left join last_stage as s on s.moa_id = m.moa_id
    where m.moa_id in (select moa_id from moa_in_region($region))
)

select * from final
order by moa_id
