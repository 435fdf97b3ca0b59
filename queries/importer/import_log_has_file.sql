-- Imports already written for a file hash and kind (the same file again changes nothing).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
select
    import_id,
    imported_at
from import_log
where kind = $kind
    and file_sha256 = $file_sha256
