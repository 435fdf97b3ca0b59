-- Summary table: household-level interventions to verified targets per desa (the household's), date they count
-- (counted_on: interventions_as_of, from given_on without an MoA, from greatest(given_on, signed_on) under a signed
-- one, never under a draft), source, sector (null as 'lintas_sektor') and Inpres 4/2022 strategy: the Rupiah counted
-- that day, and for each of the three the households first reached by that value on that day (each household once
-- per value, on one row of that value: its first counted intervention of the value, ties broken by the other two).
-- So the households a source reached by a date d are the sum of source_households_count over counted_on <= d (a
-- household lies in one desa), likewise for a sector or a strategy, and so is the amount
-- (queries/intervention_coverage.sql), for any date.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_intervention_reach
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        h.kabupaten_code,
        h.kecamatan_code,
        h.desa_code,
        i.household_id,
        i.source,
        coalesce(i.sector_code, 'lintas_sektor') as sector_code,
        i.strategy,
        i.amount_rp,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counted_on
    from intervention as i
    inner join household as h on h.household_id = i.household_id
    left join moa as m on m.moa_id = i.moa_id
    where is_verified_target(h.is_extreme_poor, h.verification_status)
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
        and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
),

firsts as (
    select
        *,
        row_number() over (
            partition by household_id, source order by counted_on, sector_code, strategy
        ) = 1 as is_first_of_source,
        row_number() over (
            partition by household_id, sector_code order by counted_on, source, strategy
        ) = 1 as is_first_of_sector,
        row_number() over (
            partition by household_id, strategy order by counted_on, source, sector_code
        ) = 1 as is_first_of_strategy
    from counted
    where counted_on is not null
)

select
    kabupaten_code,
    kecamatan_code,
    desa_code,
    counted_on,
    source,
    sector_code,
    strategy,
    count(*) filter (where is_first_of_source) as source_households_count,
    count(*) filter (where is_first_of_sector) as sector_households_count,
    count(*) filter (where is_first_of_strategy) as strategy_households_count,
    sum(amount_rp) as amount_rp
from firsts
group by all
order by kabupaten_code, kecamatan_code, desa_code, counted_on, source, sector_code, strategy
