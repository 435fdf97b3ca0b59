-- KPI written and measured baseline, current value and target per signed MoA: one row per MoA x KPI that has a
-- kpi_target, for the MoAs of $region signed by $as_of (moa_as_of, moa_in_region; drafts and discontinued
-- agreements are pipeline and get no progress figure). Values are measured over the MoA's target households that lie
-- in $region, at $baseline_round_id and at $round_id, by the KPI rule (target_kpi, kpi_value). When $region
-- covers the MoA's kabupaten that is every target household; below it (a kecamatan) only the part in the region,
-- while target_value and mou_baseline_value stay the whole-MoA figures written in the agreement (compare
-- target_households_count with moa_target_households_count). round_ended_on is the date of $round_id
-- (round_as_of), at which the elapsed share of the MoA period is taken.
-- privacy: counts=baseline_households_count,households_count,target_households_count,moa_target_households_count; counts=baseline_value,value unless kpi_code=penurunan_miskin_ekstrem (a share; target_value and mou_baseline_value are figures written in the MoA)
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

target as (
    select
        t.moa_id,
        t.household_id,
        in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, $region) as is_in_region
    from moa_target_household as t
    inner join household as h on h.household_id = t.household_id
    where t.moa_id in (select moa_id from scoped_moa)
),

target_counts as (
    select
        moa_id,
        count(*) filter (where is_in_region) as target_households_count,
        count(*) as moa_target_households_count
    from target
    group by moa_id
),

measured as (
    select
        t.moa_id,
        k.round_id,
        k.kpi_code,
        count(*) as households_count,
        kpi_value(k.kpi_code, k.amount) as value
    from target as t
    inner join target_kpi($region, $as_of, $round_id, $baseline_round_id) as k on k.household_id = t.household_id
    group by t.moa_id, k.round_id, k.kpi_code
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
