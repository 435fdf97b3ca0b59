-- Every region code already in the database (to validate imported codes and find missing parents).
select
    region_code,
    level
from region
