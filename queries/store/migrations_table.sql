-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
create table if not exists schema_migration (
    version text primary key,
    applied_at text not null
)
