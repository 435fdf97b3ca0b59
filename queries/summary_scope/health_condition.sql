-- Health rows sharing a key with the incoming rows (before the write: the rows replaced; after it: the rows written):
-- the kabupaten of their desa, and every summary row when one of them is of the table's latest year or later
-- (summary_desa_need reads the latest year of the whole table: a new or removed latest year changes every desa).
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
insert into summary_rebuild_scope (kabupaten_code, is_everything)
select distinct
    r.kabupaten_code,
    n.year >= coalesce((select max(c.year) from health_condition as c), n.year) as is_everything
from incoming as n
left join region as r on r.region_code = n.desa_code
