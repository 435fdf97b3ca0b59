insert into schema_migration (version, applied_at)
values ($version, $applied_at)
