-- Every program-flow stage each MoA of the region has reached, with the date, next to the MoA's status.
-- privacy: counts=none (agreements)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

final as (
    select
        s.moa_id,
        m.title,
        m.status,
        m.current_stage_no,
        s.stage_no,
        ps.name_id as stage_name_id,
        ps.name_en as stage_name_en,
        s.reached_on
    from moa_stage as s
    inner join scoped using (moa_id)
    inner join moa as m using (moa_id)
    inner join program_stage as ps using (stage_no)
    order by
        s.moa_id,
        s.stage_no
)

select * from final
