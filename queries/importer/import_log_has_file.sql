-- Imports already written for a file hash and kind (the same file again changes nothing).
select
    import_id,
    imported_at
from import_log
where kind = $kind
    and file_sha256 = $file_sha256
