-- Summary table: KPI amounts per desa, round and KPI over the households targeted by an MoA (each once), by the
-- date they first became a signed target (summary_household_target; household_kpi_sums in queries/macros.sql):
-- target_kpi(region, as_of, ...) is the rows with targeted_on <= as_of.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_target_kpi
where in_summary_scope(kabupaten_code, $kabupaten_codes);

select *
from household_kpi_sums('summary_household_target')
where targeted_on is not null
    and in_summary_scope(kabupaten_code, $kabupaten_codes)
order by kabupaten_code, kecamatan_code, desa_code, targeted_on, round_id, kpi_code
