-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- The row lock serialises parallel guesses at one key across every app process.
select
    failures,
    last_failure_at,
    next_allowed_at
from login_throttle
where throttle_key = $throttle_key
for update
