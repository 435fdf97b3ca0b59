-- Every partner_id in the database, to check that imported rows refer to something.
select
    partner_id as id
from partner
