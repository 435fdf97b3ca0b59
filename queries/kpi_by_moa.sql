-- KPI written and measured baseline, current value and target per signed MoA: one row per MoA x KPI that has a
-- kpi_target, for the MoAs of $region signed by $as_of (moa_as_of, moa_in_region; drafts and discontinued
-- agreements are pipeline and get no progress figure). Values are measured over the MoA's target households that lie
-- in $region, at $baseline_round_id and at $round_id, by the KPI rule (target_kpi, kpi_value). When $region
-- covers the MoA's kabupaten that is every target household; below it (a kecamatan) only the part in the region,
-- while target_value and mou_baseline_value stay the whole-MoA figures written in the agreement (compare
-- target_households_count with moa_target_households_count). round_ended_on is the date of $round_id
-- (round_as_of), at which the elapsed share of the MoA period is taken. Measured values are read from the
-- summary tables summary_moa_kpi and summary_moa_target (queries/summary/): KPI amounts and target households per
-- MoA and desa.
-- privacy: counts=baseline_households_count,households_count,target_households_count,moa_target_households_count; counts=baseline_value,value,mou_baseline_value,target_value unless kpi_code=penurunan_miskin_ekstrem (a share; the baseline and target written in the MoA count the same people: rule 8)
with scoped_moa as (
    select
        m.moa_id,
        m.title,
        m.kabupaten_code,
        m.status,
        m.started_on,
        m.ended_on
    from moa_as_of($as_of) as m
    where m.is_signed
        and m.moa_id in (select moa_id from moa_in_region($region))
),

target_counts as (
    select
        moa_id,
        coalesce(sum(households_count) filter (
            where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        ), 0)::bigint as target_households_count,
        sum(households_count)::bigint as moa_target_households_count
    from summary_moa_target
    where moa_id in (select moa_id from scoped_moa)
    group by moa_id
),

measured as (
    select
        moa_id,
        round_id,
        kpi_code,
        sum(households_count)::bigint as households_count,
        kpi_value_of_sums(kpi_code, amount, households_count) as value
    from summary_moa_kpi
    where moa_id in (select moa_id from scoped_moa)
        and in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and round_id in ($round_id, $baseline_round_id)
    group by moa_id, round_id, kpi_code
),

final as (
    select
        m.moa_id,
        m.title as moa_title,
        m.kabupaten_code,
        m.status as moa_status,
        m.started_on as moa_started_on,
        m.ended_on as moa_ended_on,
        k.kpi_code,
        d.* exclude (kpi_code, name_id, name_en),
        d.name_id as kpi_name_id,
        d.name_en as kpi_name_en,
        b.value as baseline_value,
        v.value as value,
        k.target_value,
        k.baseline_value as mou_baseline_value,
        k.deadline_on,
        round_as_of($round_id, $as_of) as round_ended_on,
        coalesce(b.households_count, 0) as baseline_households_count,
        coalesce(v.households_count, 0) as households_count,
        coalesce(c.target_households_count, 0) as target_households_count,
        coalesce(c.moa_target_households_count, 0) as moa_target_households_count
    from kpi_target as k
    inner join scoped_moa as m on m.moa_id = k.moa_id
    inner join kpi_definition as d on d.kpi_code = k.kpi_code
    left join measured as b on b.moa_id = k.moa_id and b.kpi_code = k.kpi_code and b.round_id = $baseline_round_id
    left join measured as v on v.moa_id = k.moa_id and v.kpi_code = k.kpi_code and v.round_id = $round_id
    left join target_counts as c on c.moa_id = k.moa_id
    order by m.moa_id, k.kpi_code
)

select * from final
