-- National-shape demo: rows written in every table (for the import log, before its own row).
-- privacy: admin-only (a statement of the demo generator, never read by a page)
select
    (select count(*) from vocabulary) + (select count(*) from sector) + (select count(*) from program_stage)
    + (select count(*) from dataset_info) + (select count(*) from region) + (select count(*) from demography)
    + (select count(*) from place) + (select count(*) from desa_distance) + (select count(*) from potential_food)
    + (select count(*) from potential_energy) + (select count(*) from health_condition)
    + (select count(*) from umkm_product) + (select count(*) from household) + (select count(*) from monitoring_round)
    + (select count(*) from household_observation) + (select count(*) from partner)
    + (select count(*) from partner_capacity) + (select count(*) from moa) + (select count(*) from moa_party)
    + (select count(*) from moa_sector) + (select count(*) from moa_stage) + (select count(*) from moa_target_desa)
    + (select count(*) from moa_target_household) + (select count(*) from contribution)
    + (select count(*) from kpi_definition) + (select count(*) from kpi_target) + (select count(*) from intervention)
    + (select count(*) from budget_allocation) + (select count(*) from agency_program_history) as rows_count
