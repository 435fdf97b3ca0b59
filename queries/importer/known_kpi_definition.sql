-- Every kpi_code in the database, to check that imported rows refer to something.
select
    kpi_code as id
from kpi_definition
