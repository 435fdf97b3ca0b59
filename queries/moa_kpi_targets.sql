-- KPI baseline and target values written in one MoA, when that MoA is in the region.
-- privacy: counts=none (targets written in the MoA)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where m.moa_id = $moa_id
        and (
            starts_with(m.kabupaten_code || '.', $region || '.')
            or starts_with(t.desa_code || '.', $region || '.')
        )
),

final as (
    select
        k.moa_id,
        k.kpi_code,
        d.name_id,
        d.name_en,
        d.unit,
        d.direction,
        k.baseline_value,
        k.target_value,
        k.deadline_on
    from kpi_target as k
    inner join scoped using (moa_id)
    inner join kpi_definition as d using (kpi_code)
    order by k.kpi_code
)

select * from final
