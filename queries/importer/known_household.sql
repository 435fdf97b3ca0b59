-- Every household_id in the database, to check that imported rows refer to something.
select
    household_id as id
from household
