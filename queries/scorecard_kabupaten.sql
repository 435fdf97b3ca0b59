-- The TNP2K scorecard (rapor kabupaten): one row per kabupaten/kota of $region (the kabupaten of a province, or
-- the kabupaten itself; a kecamatan gives its kabupaten), each with the figures its own Beranda shows for
-- $round_id on $as_of, by the rules of queries/macros.sql: register extreme poor and verified targets
-- (register_by_desa, as overview_households), reached = a verified target with an intervention in the kabupaten
-- that counts on the round's date (interventions_as_of at round_as_of), left behind = verified targets not reached
-- (left_behind_households), survey extreme poor at $round_id and $baseline_round_id (round_observation), MoAs
-- signed, active, ending soon and ended undecided (moa_as_of over moa_kabupaten, as overview_moa), and the parts
-- of the cost per exit: realised budget up to the round's date (budget_as_of) and households that left extreme
-- poverty (panel), as budget_cost_basis. Household figures are read from the per-desa summary tables
-- (queries/summary/).
-- privacy: counts=extreme_poor_households_count,extreme_poor_people_count,baseline_extreme_poor_count,observed_extreme_poor_count,verified_targets_count,verified_targets_reached_count,left_behind_count,left_extreme_poverty_count (the *_moa_count columns count agreements, not people)
-- privacy: amounts=none (realised_rp is the kabupaten's budget, public in the APBD; one row per kabupaten)
with kabupaten as (
    select
        k.region_code as kabupaten_code,
        k.name,
        k.region_type,
        p.region_code as province_code,
        p.name as province_name
    from region as k
    inner join region as p on p.region_code = k.parent_code
    where k.level = 'kabupaten'
        and region_overlaps(k.region_code, $region)
),

register as (
    -- left($region, 5): the kabupaten of $region, or the province itself (the kabupaten of the kabupaten CTE)
    select
        kabupaten_code,
        sum(extreme_poor_households_count)::bigint as extreme_poor_households_count,
        sum(extreme_poor_people_count) as extreme_poor_people_count,
        sum(verified_targets_count)::bigint as verified_targets_count
    from register_by_desa(left($region, 5))
    group by kabupaten_code
),

reached as (
    select
        kabupaten_code,
        sum(verified_targets_count)::bigint as verified_targets_reached_count
    from summary_desa_reach
    where kabupaten_code in (select kabupaten_code from kabupaten)
        and reached_on <= round_as_of($round_id, $as_of)
    group by kabupaten_code
),

observed as (
    select
        kabupaten_code,
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $round_id), 0)::bigint
            as observed_extreme_poor_count,
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $baseline_round_id), 0)::bigint
            as baseline_extreme_poor_count
    from summary_desa_round
    where kabupaten_code in (select kabupaten_code from kabupaten)
    group by kabupaten_code
),

left_poverty as (
    select
        kabupaten_code,
        sum(households_count)::bigint as left_extreme_poverty_count
    from summary_desa_transition
    where kabupaten_code in (select kabupaten_code from kabupaten)
        and baseline_round_id = $baseline_round_id
        and round_id = $round_id
        and was_extreme_poor
        and not is_extreme_poor
    group by kabupaten_code
),

agreements as (
    select
        mk.kabupaten_code,
        count(*) filter (where m.is_signed) as signed_moa_count,
        count(*) filter (where m.is_active) as active_moa_count,
        count(*) filter (where m.is_ending_soon) as ending_soon_moa_count,
        count(*) filter (where m.is_ended_undecided) as ended_undecided_moa_count
    from moa_kabupaten() as mk
    inner join moa_as_of($as_of) as m on m.moa_id = mk.moa_id
    where mk.kabupaten_code in (select kabupaten_code from kabupaten)
    group by mk.kabupaten_code
),

spent as (
    select
        b.kabupaten_code,
        sum(b.realised_rp) as realised_rp
    from budget_as_of($region, $round_id, $as_of) as b
    group by b.kabupaten_code
),

final as (
    select
        k.province_code,
        k.province_name,
        k.kabupaten_code,
        k.name,
        k.region_type,
        coalesce(g.extreme_poor_households_count, 0) as extreme_poor_households_count,
        coalesce(g.extreme_poor_people_count, 0) as extreme_poor_people_count,
        coalesce(o.baseline_extreme_poor_count, 0) as baseline_extreme_poor_count,
        coalesce(o.observed_extreme_poor_count, 0) as observed_extreme_poor_count,
        coalesce(g.verified_targets_count, 0) as verified_targets_count,
        coalesce(r.verified_targets_reached_count, 0) as verified_targets_reached_count,
        coalesce(g.verified_targets_count, 0) - coalesce(r.verified_targets_reached_count, 0) as left_behind_count,
        coalesce(a.signed_moa_count, 0) as signed_moa_count,
        coalesce(a.active_moa_count, 0) as active_moa_count,
        coalesce(a.ending_soon_moa_count, 0) as ending_soon_moa_count,
        coalesce(a.ended_undecided_moa_count, 0) as ended_undecided_moa_count,
        coalesce(s.realised_rp, 0) as realised_rp,
        coalesce(l.left_extreme_poverty_count, 0) as left_extreme_poverty_count
    from kabupaten as k
    left join register as g on g.kabupaten_code = k.kabupaten_code
    left join reached as r on r.kabupaten_code = k.kabupaten_code
    left join observed as o on o.kabupaten_code = k.kabupaten_code
    left join agreements as a on a.kabupaten_code = k.kabupaten_code
    left join spent as s on s.kabupaten_code = k.kabupaten_code
    left join left_poverty as l on l.kabupaten_code = k.kabupaten_code
)

select * from final
order by kabupaten_code
