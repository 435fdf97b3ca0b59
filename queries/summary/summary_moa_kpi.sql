-- Summary table: KPI amounts per MoA, desa of its target households, round and KPI (kpi_amount in
-- queries/macros.sql): the target households observed in the round and the sum of their amounts. A KPI over any
-- group of them is kpi_value_of_sums(kpi_code, amount, households_count).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
create or replace table summary_moa_kpi as
select
    t.moa_id,
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    o.round_id,
    d.kpi_code,
    count(*) as households_count,
    sum(kpi_amount(d, o, h.mothers_children_count)) as amount
from moa_target_household as t
inner join household as h on h.household_id = t.household_id
inner join round_observation as o on o.household_id = h.household_id
cross join kpi_definition as d
group by all
order by h.kabupaten_code, h.kecamatan_code, h.desa_code, t.moa_id, o.round_id, d.kpi_code
