-- Every kpi_code in the database, to check that imported rows refer to something.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    kpi_code as id
from kpi_definition
