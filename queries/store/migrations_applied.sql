-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
select version
from schema_migration
