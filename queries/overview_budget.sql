-- Budget allocated and realised per year for the kabupaten of a region (budgets are kept per kabupaten).
-- privacy: counts=none (Rupiah)
select
    year,
    sum(allocated_rp) as allocated_rp,
    sum(realised_rp) as realised_rp
from budget_allocation
where starts_with(kabupaten_code || '.', $region || '.')
    or starts_with($region || '.', kabupaten_code || '.')
group by year
order by year
