-- The TNP2K scorecard (rapor kabupaten): one row per kabupaten/kota of the provinces in $province_code or in the
-- list $kabupaten_code, with the figures each kabupaten's own Beranda shows for $round_id (overview_households,
-- overview_moa) and the cost per household that left extreme poverty (budget_cost_basis). Left behind = verified
-- targets reached by no household-level intervention (left_behind_households).
-- privacy: small-counts=extreme_poor_households_count,extreme_poor_people_count,verified_targets_count,verified_targets_reached_count,left_behind_count,observed_extreme_poor_count,baseline_extreme_poor_count,left_extreme_poverty_count
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
        and (list_contains($province_code, p.region_code) or list_contains($kabupaten_code, k.region_code))
),

households as (
    select
        h.kabupaten_code,
        h.household_id,
        h.members_count,
        h.is_extreme_poor and h.verification_status <> 'tidak_valid' as is_register_extreme_poor,
        h.is_extreme_poor and h.verification_status in ('valid', 'tambahan_musdes') as is_verified_target
    from household as h
    where h.kabupaten_code in (select kabupaten_code from kabupaten)
),

register as (
    select
        h.kabupaten_code,
        count(*) filter (where h.is_register_extreme_poor) as extreme_poor_households_count,
        coalesce(sum(h.members_count) filter (where h.is_register_extreme_poor), 0) as extreme_poor_people_count,
        count(*) filter (where h.is_verified_target) as verified_targets_count,
        count(*) filter (
            where h.is_verified_target
                and exists (select 1 from intervention as i where i.household_id = h.household_id)
        ) as verified_targets_reached_count
    from households as h
    group by h.kabupaten_code
),

observed as (
    select
        h.kabupaten_code,
        count(*) filter (
            where o.round_id = $round_id and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as observed_extreme_poor_count,
        count(*) filter (
            where o.round_id = (select min(round_id) from monitoring_round)
                and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as baseline_extreme_poor_count
    from household_observation as o
    inner join monitoring_round as r on r.round_id = o.round_id
    inner join households as h on h.household_id = o.household_id
    group by h.kabupaten_code
),

left_poverty as (
    select
        h.kabupaten_code,
        count(*) as left_extreme_poverty_count
    from households as h
    inner join household_observation as b on b.household_id = h.household_id and b.round_id = $baseline_round_id
    inner join household_observation as o on o.household_id = h.household_id and o.round_id = $round_id
    inner join monitoring_round as rb on rb.round_id = b.round_id
    inner join monitoring_round as ro on ro.round_id = o.round_id
    where b.expenditure_rp_per_capita_day < rb.poverty_line_rp_per_capita_day
        and o.expenditure_rp_per_capita_day >= ro.poverty_line_rp_per_capita_day
    group by h.kabupaten_code
),

moa as (
    select
        k.kabupaten_code,
        count(distinct m.moa_id) filter (where m.signed_on is not null) as signed_moa_count,
        count(distinct m.moa_id) filter (where m.status in ('aktif', 'diperpanjang')) as active_moa_count,
        count(distinct m.moa_id) filter (
            where m.status in ('aktif', 'diperpanjang') and m.ended_on between $today and $today + interval 90 day
        ) as ending_soon_moa_count,
        count(distinct m.moa_id) filter (
            where m.ended_on < $today and m.renewal_decision is null and m.status <> 'draft'
        ) as ended_undecided_moa_count
    from kabupaten as k
    inner join moa as m
        on m.kabupaten_code = k.kabupaten_code
        or m.moa_id in (
            select t.moa_id from moa_target_desa as t where starts_with(t.desa_code, k.kabupaten_code || '.')
        )
    group by k.kabupaten_code
),

spent as (
    select
        kabupaten_code,
        sum(realised_rp) as realised_rp
    from budget_allocation
    where year <= (select year(ended_on) from monitoring_round where round_id = $round_id)
    group by kabupaten_code
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
        coalesce(g.verified_targets_reached_count, 0) as verified_targets_reached_count,
        coalesce(g.verified_targets_count, 0) - coalesce(g.verified_targets_reached_count, 0) as left_behind_count,
        coalesce(m.signed_moa_count, 0) as signed_moa_count,
        coalesce(m.active_moa_count, 0) as active_moa_count,
        coalesce(m.ending_soon_moa_count, 0) as ending_soon_moa_count,
        coalesce(m.ended_undecided_moa_count, 0) as ended_undecided_moa_count,
        coalesce(s.realised_rp, 0) as realised_rp,
        coalesce(l.left_extreme_poverty_count, 0) as left_extreme_poverty_count
    from kabupaten as k
    left join register as g on g.kabupaten_code = k.kabupaten_code
    left join observed as o on o.kabupaten_code = k.kabupaten_code
    left join moa as m on m.kabupaten_code = k.kabupaten_code
    left join spent as s on s.kabupaten_code = k.kabupaten_code
    left join left_poverty as l on l.kabupaten_code = k.kabupaten_code
)

select * from final
order by kabupaten_code
