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
-- (1-3, 4-5, 6 or more members) and the head's sex. Read from summary_desa_did, whose dates say on which $as_of a
-- household's first counted MoA intervention lies on or before each interview.
-- privacy: counts=none (households_count, extreme_poor_count: estimator inputs; pages show sizes as Counts)
with dated as (
    select
        s.*,
        in_region_by_level(s.kabupaten_code, s.kecamatan_code, s.desa_code, $region) as is_in_region,
        coalesce(s.targeted_on <= $as_of, false) as is_signed_target,
        coalesce(s.moa_reached_on <= $as_of, false) as is_reached,
        coalesce(s.reached_by_round_on <= $as_of, false) as is_reached_by_round,
        coalesce(s.reached_by_baseline_on <= $as_of, false) as is_reached_by_baseline
    from summary_desa_did as s
    where s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
        and in_kabupaten_of(s.kabupaten_code, $region)
),

grouped as (
    select
        *,
        -- first reached on or before an interview on $as_of = that interview's date in summary_desa_did <= $as_of
        case
            when is_signed_target and is_reached_by_round and not is_reached_by_baseline then 'sasaran'
            when is_signed_target and is_reached_by_baseline then 'sebelum_baseline'
            when is_signed_target then 'belum_dijangkau'
            when not is_any_target and not is_reached then 'pembanding'
            when is_any_target and not is_reached then 'plasebo'
        end as group_code
    from dated
),

final as (
    select
        g.desa_code,
        g.kabupaten_code,
        g.is_in_region,
        g.group_code,
        g.was_extreme_poor,
        g.baseline_decile,
        case when d.city_km < 15 then '<15' when d.city_km < 25 then '15-25' else '25+' end as remoteness_class,
        g.size_class,
        g.head_sex,
        sum(g.households_count)::bigint as households_count,
        sum(g.extreme_poor_count)::bigint as extreme_poor_count
    from grouped as g
    left join desa_distance as d on d.desa_code = g.desa_code
    where g.group_code is not null
    group by all
    order by all
)

select * from final
