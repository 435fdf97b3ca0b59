-- Headline household figures for a region and a monitoring round (Beranda), each by a rule of queries/macros.sql:
-- register extreme poor = is_register_extreme_poor (P3KE decile 1, not found invalid); verified targets =
-- is_verified_target; reached = a verified target with an intervention that counts on the round's date
-- (interventions_as_of at round_as_of: the end of $round_id's fieldwork, never after $as_of); survey = valid
-- households observed below the extreme-poverty line of $round_id and of $baseline_round_id (round_observation).
-- Read from the per-desa summary tables (queries/summary/), which hold exactly these counts per desa; "reached on a
-- date" is a verified target's first counting intervention on or before it (summary_desa_reach).
-- privacy: counts=extreme_poor_households_count,extreme_poor_people_count,verified_targets_count,register_households_count,verified_targets_reached_count,all_households_count,observed_extreme_poor_count,baseline_extreme_poor_count,observed_households_count
with register as (
    select
        coalesce(sum(households_count) filter (
            where is_register_extreme_poor(is_extreme_poor, verification_status)
        ), 0)::bigint as extreme_poor_households_count,
        coalesce(sum(members_count) filter (
            where is_register_extreme_poor(is_extreme_poor, verification_status)
        ), 0) as extreme_poor_people_count,
        coalesce(sum(households_count) filter (
            where is_verified_target(is_extreme_poor, verification_status)
        ), 0)::bigint as verified_targets_count,
        coalesce(sum(households_count), 0)::bigint as register_households_count
    from summary_desa_household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
),

reached as (
    select coalesce(sum(verified_targets_count), 0)::bigint as verified_targets_reached_count
    from summary_desa_reach
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and reached_on <= round_as_of($round_id, $as_of)
),

all_households as (
    select coalesce(sum(households_count), 0) as all_households_count
    from demography
    where year = (select max(year) from demography where year <= year($as_of))
        and in_region(desa_code, $region)
),

observed as (
    select
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $round_id), 0)::bigint
            as observed_extreme_poor_count,
        coalesce(sum(observed_extreme_poor_count) filter (where round_id = $baseline_round_id), 0)::bigint
            as baseline_extreme_poor_count,
        coalesce(sum(observed_households_count) filter (where round_id = $round_id), 0)::bigint
            as observed_households_count
    from summary_desa_round
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
),

final as (
    select
        register.extreme_poor_households_count,
        register.extreme_poor_people_count,
        register.verified_targets_count,
        reached.verified_targets_reached_count,
        register.register_households_count,
        all_households.all_households_count,
        observed.observed_extreme_poor_count,
        observed.baseline_extreme_poor_count,
        observed.observed_households_count
    from register, reached, all_households, observed
)

select * from final
