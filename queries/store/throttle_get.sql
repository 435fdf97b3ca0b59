-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
select
    failures,
    last_failure_at,
    next_allowed_at
from login_throttle
where throttle_key = $throttle_key
