-- MoAs of a region with the flags that put them on the regent's decision list: ending within 90 days of $today,
-- ended without a renewal decision, or stuck (not yet at the last program stage, and no stage reached in the
-- 120 days before $today). Behind-target flags come from the KPI contract (sinergi.monitoring.kpi) in Python.
-- privacy: counts=none (agreements; days_to_end_count counts days)
with scoped as (
    select distinct m.*
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

last_stage as (
    select
        moa_id,
        max(reached_on) as stage_reached_on
    from moa_stage
    group by moa_id
),

final as (
    select
        m.moa_id,
        m.moa_number,
        m.title,
        m.kabupaten_code,
        m.status,
        m.started_on,
        m.ended_on,
        m.renewal_decision,
        m.current_stage_no,
        s.stage_reached_on,
        datediff('day', $today, m.ended_on) as days_to_end_count,
        m.status in ('aktif', 'diperpanjang') and m.ended_on between $today and $today + interval 90 day
            as is_ending_soon,
        m.ended_on < $today and m.renewal_decision is null and m.status <> 'draft' as is_ended_undecided,
        m.status in ('draft', 'aktif', 'diperpanjang')
            and m.current_stage_no < (select max(stage_no) from program_stage)
            and coalesce(s.stage_reached_on, m.started_on) < $today - interval 120 day as is_stuck
    from scoped as m
    left join last_stage as s on s.moa_id = m.moa_id
)

select * from final
order by moa_id
