-- Headline household figures for a region and a monitoring round (Beranda), each by a rule of queries/macros.sql:
-- register extreme poor = is_register_extreme_poor (P3KE decile 1, not found invalid); verified targets =
-- is_verified_target; reached = a verified target with an intervention that counts on the round's date
-- (interventions_as_of at round_as_of: the end of $round_id's fieldwork, never after $as_of); survey = valid
-- households observed below the extreme-poverty line of $round_id and of $baseline_round_id (round_observation).
-- privacy: counts=extreme_poor_households_count,extreme_poor_people_count,verified_targets_count,register_households_count,verified_targets_reached_count,all_households_count,observed_extreme_poor_count,baseline_extreme_poor_count,observed_households_count
with scoped as (
    select *
    from household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
),

reached as (
    select distinct household_id
    from interventions_as_of(round_as_of($round_id, $as_of))
    where household_id is not null
        and in_region(desa_code, $region)
),

register as (
    select
        count(*) filter (where is_register_extreme_poor(h.is_extreme_poor, h.verification_status))
            as extreme_poor_households_count,
        coalesce(sum(h.members_count) filter (
            where is_register_extreme_poor(h.is_extreme_poor, h.verification_status)
        ), 0) as extreme_poor_people_count,
        count(*) filter (where is_verified_target(h.is_extreme_poor, h.verification_status))
            as verified_targets_count,
        count(*) filter (
            where is_verified_target(h.is_extreme_poor, h.verification_status) and r.household_id is not null
        ) as verified_targets_reached_count,
        count(*) as register_households_count
    from scoped as h
    left join reached as r on r.household_id = h.household_id
),

all_households as (
    select coalesce(sum(households_count), 0) as all_households_count
    from demography
    where year = (select max(year) from demography where year <= year($as_of))
        and in_region(desa_code, $region)
),

observed as (
    select
        count(*) filter (where o.round_id = $round_id and o.is_below_line) as observed_extreme_poor_count,
        count(*) filter (where o.round_id = $baseline_round_id and o.is_below_line)
            as baseline_extreme_poor_count,
        count(*) filter (where o.round_id = $round_id) as observed_households_count
    from round_observation as o
    inner join scoped as h on h.household_id = o.household_id
    where is_valid_household(h.verification_status)
),

final as (
    select
        register.*,
        all_households.all_households_count,
        observed.observed_extreme_poor_count,
        observed.baseline_extreme_poor_count,
        observed.observed_households_count
    from register, all_households, observed
)

select * from final
