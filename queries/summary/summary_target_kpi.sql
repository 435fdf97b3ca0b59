-- Summary table: KPI amounts per desa, round and KPI over the households targeted by an MoA (each once), by the
-- date they first became a signed target (summary_household_target): target_kpi(region, as_of, ...) is the rows
-- with targeted_on <= as_of.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
create or replace table summary_target_kpi as
select
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    t.targeted_on,
    o.round_id,
    d.kpi_code,
    count(*) as households_count,
    sum(kpi_amount(d, o, h.mothers_children_count)) as amount
from summary_household_target as t
inner join household as h on h.household_id = t.household_id
inner join round_observation as o on o.household_id = h.household_id
cross join kpi_definition as d
where t.targeted_on is not null
group by all
order by h.kabupaten_code, h.kecamatan_code, h.desa_code, t.targeted_on, o.round_id, d.kpi_code
