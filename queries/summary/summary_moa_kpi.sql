-- Summary table: KPI amounts per MoA, desa of its target households, round and KPI (household_kpi_sums in
-- queries/macros.sql): the target households observed in the round and the sum of their amounts. A KPI over any
-- group of them is kpi_value_of_sums(kpi_code, amount, households_count).
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_moa_kpi
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select
    moa_id,
    kabupaten_code,
    kecamatan_code,
    desa_code,
    round_id,
    kpi_code,
    households_count,
    amount
from household_kpi_sums('moa_target_household')
where in_summary_scope(kabupaten_code, $kabupaten_codes)
order by kabupaten_code, kecamatan_code, desa_code, moa_id, round_id, kpi_code
