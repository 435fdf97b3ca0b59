-- Every round_id in the database, to check that imported rows refer to something.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    round_id as id
from monitoring_round
