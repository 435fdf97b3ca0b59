-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- One process migrates at a time; the lock ends with the transaction.
select pg_advisory_xact_lock(7744201)
