-- Headline household figures for a region and a monitoring round (Beranda).
-- Register figures count P3KE decile-1 families not found invalid in the field; observed figures use the
-- round's per-capita expenditure against that round's extreme-poverty line.
-- privacy: counts=extreme_poor_households_count,extreme_poor_people_count,verified_targets_count,register_households_count,verified_targets_reached_count,all_households_count,observed_extreme_poor_count,baseline_extreme_poor_count,observed_households_count
with scoped as (
    select *
    from household
    where starts_with(desa_code || '.', $region || '.')
),

register as (
    select
        count(*) filter (where is_extreme_poor and verification_status <> 'tidak_valid') as extreme_poor_households_count,
        coalesce(sum(members_count) filter (
            where is_extreme_poor and verification_status <> 'tidak_valid'
        ), 0) as extreme_poor_people_count,
        count(*) filter (
            where is_extreme_poor and verification_status in ('valid', 'tambahan_musdes')
        ) as verified_targets_count,
        count(*) as register_households_count
    from scoped
),

reached as (
    select count(*) as verified_targets_reached_count
    from scoped as h
    where h.is_extreme_poor
        and h.verification_status in ('valid', 'tambahan_musdes')
        and exists (select 1 from intervention as i where i.household_id = h.household_id)
),

all_households as (
    select coalesce(sum(households_count), 0) as all_households_count
    from demography
    where year = (select max(year) from demography)
        and starts_with(desa_code || '.', $region || '.')
),

observed as (
    select
        count(*) filter (
            where o.round_id = $round_id and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as observed_extreme_poor_count,
        count(*) filter (
            where o.round_id = (select min(round_id) from monitoring_round)
                and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day
        ) as baseline_extreme_poor_count,
        count(*) filter (where o.round_id = $round_id) as observed_households_count
    from household_observation as o
    inner join monitoring_round as r on r.round_id = o.round_id
    inner join scoped as h on h.household_id = o.household_id
),

final as (
    select
        register.*,
        reached.verified_targets_reached_count,
        all_households.all_households_count,
        observed.observed_extreme_poor_count,
        observed.baseline_extreme_poor_count,
        observed.observed_households_count
    from register, reached, all_households, observed
)

select * from final
