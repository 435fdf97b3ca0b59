-- KPI baseline and target values written in one MoA, when that MoA is in the region.
-- privacy: counts=baseline_value,target_value unless kpi_code=penurunan_miskin_ekstrem (a share; a count written in the MoA counts the same people as the measured one: rule 8)
with final as (
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
    inner join kpi_definition as d using (kpi_code)
    where k.moa_id = $moa_id
        and k.moa_id in (select moa_id from moa_in_region($region))
    order by k.kpi_code
)

select * from final
