-- The latest imports written into the database, newest first (the Kelola Data history).
-- privacy: admin-only; counts=none (rows of import files)
with final as (
    select
        imported_at,
        kind,
        file_name,
        imported_by,
        rows_read_count,
        rows_written_count,
        rows_rejected_count,
        warnings_count,
        file_sha256
    from import_log
    order by imported_at desc
    limit 50
)

select * from final
