-- Every summary table, dropped before a whole rebuild of a file built by an older version (a changed statement may
-- change a table's columns; the rows are derived from the base tables, so nothing is lost). One line per table of
-- SUMMARY_TABLES (tests/test_summary_version.py).
-- privacy: admin-only (run by the start-up summary refresh and the importer inside their transaction, never by a page)
drop table if exists summary_desa_household;
drop table if exists summary_desa_round;
drop table if exists summary_household_reach;
drop table if exists summary_desa_reach;
drop table if exists summary_household_target;
drop table if exists summary_moa_target;
drop table if exists summary_moa_reach;
drop table if exists summary_moa_transition;
drop table if exists summary_moa_kpi;
drop table if exists summary_target_kpi;
drop table if exists summary_desa_transition;
drop table if exists summary_desa_transition_sector;
drop table if exists summary_desa_did;
drop table if exists summary_kabupaten_cost_reach;
drop table if exists summary_kabupaten_bansos;
drop table if exists summary_kabupaten_program_reach;
drop table if exists summary_desa_intervention_reach;
drop table if exists summary_desa_intervention_overlap;
drop table if exists summary_desa_partner_work;
drop table if exists summary_desa_need;
