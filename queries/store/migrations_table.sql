create table if not exists schema_migration (
    version text primary key,
    applied_at text not null
)
