-- Interventions given in a region that count on $as_of (interventions_as_of: given by then, not under a draft
-- MoA), by source, program, sector and delivering partner (desa profile).
-- privacy: counts=households_count,interventions_count (interventions given in one desa: households served)
-- privacy: amounts=amount_rp/interventions_count (bansos at a fixed rate per intervention: amount / rate = count)
with final as (
    select
        i.source,
        i.program,
        i.sector_code,
        coalesce(p.name, '') as partner_name,
        count(*) as interventions_count,
        count(distinct i.household_id) as households_count,
        sum(i.amount_rp) as amount_rp,
        max(i.given_on) as last_given_on
    from interventions_as_of($as_of) as i
    left join partner as p on p.partner_id = i.partner_id
    where in_region(i.desa_code, $region)
    group by all
)

select * from final
order by interventions_count desc, source, program
