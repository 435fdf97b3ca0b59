-- Every round_id in the database, to check that imported rows refer to something.
select
    round_id as id
from monitoring_round
