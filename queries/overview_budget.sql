-- Budget allocated and realised per year for the kabupaten of a region (budgets are kept per kabupaten: a
-- kecamatan shows its kabupaten's), in the years up to the date of $round_id (budget_as_of).
-- privacy: counts=none (Rupiah)
select
    year,
    sum(allocated_rp) as allocated_rp,
    sum(realised_rp) as realised_rp
from budget_as_of($region, $round_id, $as_of)
group by year
order by year
