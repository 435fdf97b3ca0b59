-- Inputs of the difference-in-differences (sinergi/monitoring/did.py) for the kabupaten of $region: register decile-1
-- verified targets (verified_target) observed at $baseline_round_id and at $round_id (panel), counted by desa, group
-- and the baseline covariates the comparison is balanced on. Groups, by MoA interventions that count on $as_of
-- (interventions_as_of) and MoA targets (signed_target):
-- 'sasaran' = target of a signed MoA, first reached by an MoA intervention after its baseline interview and not after
-- its interview in $round_id; 'pembanding' = targeted by no MoA and reached by no MoA intervention; 'plasebo' =
-- targeted only by MoAs still unsigned (drafts) and reached by none; 'sebelum_baseline' = signed target first reached
-- before its baseline interview; 'belum_dijangkau' = signed target not reached by its interview in $round_id; other
-- households (targets of discontinued MoAs) are left out. Covariates: baseline status (below the line) and observed
-- decile, remoteness (distance from the desa to the nearest town: under 15 km, 15-25 km, 25 km or more), household size
-- (1-3, 4-5, 6 or more members) and the head's sex.
-- privacy: counts=none (households_count, extreme_poor_count: estimator inputs; pages show sizes as Counts)
with reach as (
    select
        household_id,
        min(given_on) as first_reached_on
    from region_interventions_as_of(left($region, 5), $as_of)
    where moa_id is not null
        and household_id is not null
    group by household_id
),

households as (
    select
        p.*,
        in_region_by_level(p.kabupaten_code, p.kecamatan_code, p.desa_code, $region) as is_in_region,
        r.first_reached_on,
        p.household_id in (select household_id from signed_target($as_of)) as is_signed_target,
        p.household_id in (select household_id from moa_target_household) as is_any_target,
        t.members_count,
        t.head_sex,
        d.city_km
    from panel($baseline_round_id, $round_id) as p
    inner join verified_target as t on t.household_id = p.household_id
    left join reach as r on r.household_id = p.household_id
    left join desa_distance as d on d.desa_code = p.desa_code
    where in_kabupaten_of(p.kabupaten_code, $region)
),

grouped as (
    select
        *,
        case
            when is_signed_target and first_reached_on > baseline_observed_on and first_reached_on <= observed_on
                then 'sasaran'
            when is_signed_target and first_reached_on <= baseline_observed_on then 'sebelum_baseline'
            when is_signed_target then 'belum_dijangkau'
            when not is_any_target and first_reached_on is null then 'pembanding'
            when is_any_target and first_reached_on is null then 'plasebo'
        end as group_code
    from households
),

final as (
    select
        desa_code,
        kabupaten_code,
        is_in_region,
        group_code,
        was_extreme_poor,
        baseline_decile,
        case when city_km < 15 then '<15' when city_km < 25 then '15-25' else '25+' end as remoteness_class,
        case when members_count <= 3 then '1-3' when members_count <= 5 then '4-5' else '6+' end as size_class,
        head_sex,
        count(*) as households_count,
        count(*) filter (where is_extreme_poor) as extreme_poor_count
    from grouped
    where group_code is not null
    group by all
    order by all
)

select * from final
