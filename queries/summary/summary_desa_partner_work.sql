-- Summary table: the CSR and collaboration work of each partner per desa and sector, as the days on which it is "at
-- work" there (the third branch of actors_at_work in queries/macros.sql): on $as_of when one of its CSR or
-- collaboration interventions with that partner and sector counts by then (counts_from <= $as_of, the day of
-- intervention_counts_from) and was given within the two years before (given_on >= $as_of - interval 2 year).
-- One intervention is at work on the days [counts_from, the last day d with d - 2 years <= given_on]; those of a desa,
-- sector and partner are merged while each next one starts (by counts_from) no later than given_on + 2 years of one
-- before it, so each row's days form one unbroken run and the rows answer the same condition for every date:
-- counts_from = the run's first counts_from, given_on = its last given_on (d - 2 years only grows with d, so the run
-- ends on the last day of its latest given_on). Rows whose run is empty (signed more than two years after given) stay:
-- the condition is never true for them. Desa outside the region table are left out (actors_at_work's callers join the
-- region). Kept in desa order, so a region's rows are its own row groups.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_partner_work
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with given as (
    select
        d.kabupaten_code,
        i.desa_code,
        i.sector_code,
        i.partner_id,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counts_from,
        i.given_on
    from intervention as i
    inner join region as d on d.region_code = i.desa_code
    left join moa as m on m.moa_id = i.moa_id
    where i.source in ('csr', 'kolaborasi')
        and i.partner_id is not null
        and i.sector_code is not null
        and in_summary_scope(d.kabupaten_code, $kabupaten_codes)
),

ordered as (
    select
        *,
        max(given_on) over (
            partition by desa_code, sector_code, partner_id
            order by counts_from, given_on
            rows between unbounded preceding and 1 preceding
        ) as earlier_given_on
    from given
    where counts_from is not null
),

runs as (
    select
        *,
        sum(
            case when earlier_given_on is null or counts_from > earlier_given_on + interval 2 year then 1 else 0 end
        ) over (
            partition by desa_code, sector_code, partner_id
            order by counts_from, given_on
            rows unbounded preceding
        ) as run_no
    from ordered
)

select
    kabupaten_code,
    desa_code,
    sector_code,
    partner_id,
    min(counts_from) as counts_from,
    max(given_on) as given_on
from runs
group by
    kabupaten_code,
    desa_code,
    sector_code,
    partner_id,
    run_no
order by
    kabupaten_code,
    desa_code,
    sector_code,
    partner_id,
    counts_from
