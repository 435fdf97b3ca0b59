-- Every KPI over the households in $region targeted by an MoA signed by $as_of (each household counted once), at
-- $baseline_round_id and at $round_id, for the whole region (area_level 'wilayah'), per kabupaten and per
-- kecamatan, by the KPI rule (target_kpi, kpi_value in queries/macros.sql). Region figures have no MoA target.
-- privacy: counts=baseline_households_count,households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share)
with measured as (
    select
        case
            when grouping(k.kabupaten_code) = 1 then 'wilayah'
            when grouping(k.kecamatan_code) = 1 then 'kabupaten'
            else 'kecamatan'
        end as area_level,
        coalesce(k.kecamatan_code, k.kabupaten_code, $region) as area_code,
        k.kabupaten_code,
        k.round_id,
        k.kpi_code,
        count(*) as households_count,
        kpi_value(k.kpi_code, k.amount) as value
    from target_kpi($region, $as_of, $round_id, $baseline_round_id) as k
    group by grouping sets (
        (k.round_id, k.kpi_code),
        (k.round_id, k.kpi_code, k.kabupaten_code),
        (k.round_id, k.kpi_code, k.kabupaten_code, k.kecamatan_code)
    )
),

final as (
    select
        a.area_level,
        a.area_code,
        coalesce(g.name, a.area_code) as area_name,
        a.kabupaten_code,
        d.kpi_code,
        d.name_id as kpi_name_id,
        d.name_en as kpi_name_en,
        d.unit,
        d.direction,
        d.sector_code,
        d.definition_id,
        b.value as baseline_value,
        a.value as value,
        coalesce(b.households_count, 0) as baseline_households_count,
        a.households_count
    from measured as a
    inner join kpi_definition as d on d.kpi_code = a.kpi_code
    left join measured as b
        on b.area_level = a.area_level
        and b.area_code = a.area_code
        and b.kpi_code = a.kpi_code
        and b.round_id = $baseline_round_id
    left join region as g on g.region_code = a.area_code
    where a.round_id = $round_id
    order by a.area_level, a.area_code, d.kpi_code
)

select * from final
