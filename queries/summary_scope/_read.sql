-- The scope collected so far: whether everything must be rebuilt, the kabupaten codes and the MoA ids.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
select
    coalesce(bool_or(is_everything), false) as is_everything,
    coalesce(list(distinct kabupaten_code order by kabupaten_code) filter (where kabupaten_code is not null), [])
        as kabupaten_codes,
    coalesce(list(distinct moa_id order by moa_id) filter (where moa_id is not null), []) as moa_ids
from summary_rebuild_scope
