-- Budget for extreme-poverty programs allocated and realised, per year, funding source, program and sector, for
-- the kabupaten of $region (budgets are kept per kabupaten: a kecamatan shows its kabupaten's budget).
-- privacy: counts=none (Rupiah per program)
select
    b.year,
    b.funding_source,
    b.program,
    coalesce(b.sector_code, 'lintas_sektor') as sector_code,
    sum(b.allocated_rp) as allocated_rp,
    sum(b.realised_rp) as realised_rp
from budget_allocation as b
where starts_with(b.kabupaten_code || '.', $region || '.')
    or starts_with($region || '.', b.kabupaten_code || '.')
group by all
order by all
