-- How many different sources (bansos, csr, kolaborasi, program_opd, dana_desa) reached each verified extreme-poor
-- target household in $region with a household-level intervention: households per number of sources (0 ... 5) and
-- per number of interventions received.
-- privacy: counts=households_count (interventions_count counts interventions given)
with targets as (
    select household_id
    from household
    where starts_with(desa_code || '.', $region || '.')
        and welfare_decile = 1
        and verification_status in ('valid', 'tambahan_musdes')
),

per_household as (
    select
        t.household_id,
        count(distinct i.source) as sources_count,
        count(i.intervention_id) as interventions_count
    from targets as t
    left join intervention as i on i.household_id = t.household_id
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
