-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into schema_migration (version, applied_at)
values ($version, $applied_at)
