-- potential_energy rows sharing a key with the incoming rows (before the write: the rows replaced; after it: the rows written):
-- the kabupaten of their desa (summary_desa_need ranks the desa of a kabupaten together).
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code)
select distinct r.kabupaten_code
from region as r
where r.region_code in (select desa_code from incoming)
    and r.kabupaten_code is not null
