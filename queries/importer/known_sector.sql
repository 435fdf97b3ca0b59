-- Every sector_code in the database, to check that imported rows refer to something.
select
    sector_code as id
from sector
