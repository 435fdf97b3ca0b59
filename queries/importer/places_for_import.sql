-- Every place, to recompute desa distances after a boundary import.
select
    place_id,
    place_type,
    desa_code,
    lon,
    lat
from place
