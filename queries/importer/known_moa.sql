-- Every moa_id in the database, to check that imported rows refer to something.
select
    moa_id as id
from moa
