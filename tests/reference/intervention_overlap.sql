-- How many different sources (bansos, csr, kolaborasi, program_opd, dana_desa) reached each verified target of
-- $region (verified_target) with a household-level intervention that counts on the date of $round_id
-- (interventions_as_of at round_as_of): households per number of sources (0 ... 5) and per number of interventions.
-- privacy: counts=households_count (interventions_count counts interventions given)
with per_household as (
    select
        t.household_id,
        count(distinct i.source) as sources_count,
        count(i.intervention_id) as interventions_count
    from verified_target as t
    left join region_interventions_as_of($region, round_as_of($round_id, $as_of)) as i
        on i.household_id = t.household_id
    where in_region_by_level(t.kabupaten_code, t.kecamatan_code, t.desa_code, $region)
    group by t.household_id
),

final as (
    select
        sources_count,
        count(*) as households_count,
        sum(interventions_count) as interventions_count
    from per_household
    group by sources_count
    order by sources_count
)

select * from final
