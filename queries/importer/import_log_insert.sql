-- Record one import, inside the transaction that writes it.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
insert into import_log (
    import_id,
    kind,
    file_name,
    file_sha256,
    imported_by,
    imported_at,
    rows_read_count,
    rows_written_count,
    rows_rejected_count,
    warnings_count,
    backup_file
)
values (
    $import_id,
    $kind,
    $file_name,
    $file_sha256,
    $imported_by,
    $imported_at,
    $rows_read_count,
    $rows_written_count,
    $rows_rejected_count,
    $warnings_count,
    $backup_file
)
