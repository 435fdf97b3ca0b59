-- Budget for extreme-poverty programs allocated and realised, per year, funding source, program and sector, for
-- the kabupaten of $region (budgets are kept per kabupaten: a kecamatan shows its kabupaten's budget), for the years
-- up to the date of $round_id (budget_as_of).
-- privacy: counts=none (Rupiah per program)
select
    b.year,
    b.funding_source,
    b.program,
    coalesce(b.sector_code, 'lintas_sektor') as sector_code,
    sum(b.allocated_rp) as allocated_rp,
    sum(b.realised_rp) as realised_rp
from budget_as_of($region, $round_id, $as_of) as b
group by all
order by all
