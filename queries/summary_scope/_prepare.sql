-- What a summary rebuild recomputes besides the rows by kabupaten_code (none for the full build, which needs no
-- list): the households of the kabupaten (household-keyed rows) and the MoAs listed or targeting one of them
-- (MoA-keyed rows), read by in_summary_household_scope and in_summary_moa_scope (queries/macros.sql). Tables of known
-- size, so DuckDB joins a large table such as intervention onto them and skips its other row groups.
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
create or replace temp table summary_scope_household as
select household_id
from household
where in_summary_scope(kabupaten_code, $kabupaten_codes)
    and $kabupaten_codes is not null;

create or replace temp table summary_scope_moa as
select unnest($moa_ids::varchar[]) as moa_id
union
select t.moa_id
from moa_target_household as t
inner join summary_scope_household as h on h.household_id = t.household_id
