-- How many different sources (bansos, csr, kolaborasi, program_opd, dana_desa) reached each verified target of
-- $region (verified_target) with a household-level intervention that counts on the date of $round_id
-- (interventions_as_of at round_as_of): households per number of sources (0 ... 5) and per number of interventions.
-- Read from summary_desa_intervention_overlap (each target's moves between numbers of sources up to that date) and
-- summary_desa_household (every target starts at 0): tests/reference/intervention_overlap.sql is the same figure
-- from the household and intervention rows.
-- privacy: counts=households_count (interventions_count counts interventions given)
with moves as (
    select
        0::bigint as sources_count,
        households_count,
        0::bigint as interventions_count
    from summary_desa_household
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and is_verified_target(is_extreme_poor, verification_status)
    union all
    select
        sources_count,
        households_count,
        interventions_count
    from summary_desa_intervention_overlap
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, $region)
        and counted_on <= round_as_of($round_id, $as_of)
),

final as (
    select
        sources_count,
        sum(households_count)::bigint as households_count,
        sum(interventions_count) as interventions_count
    from moves
    group by sources_count
    having sum(households_count) > 0
    order by sources_count
)

select * from final
