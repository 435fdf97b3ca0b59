-- Every place, to recompute desa distances after a boundary import.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    place_id,
    place_type,
    desa_code,
    lon,
    lat
from place
