-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
update login_throttle
set failures = $failures,
    last_failure_at = $last_failure_at,
    next_allowed_at = $next_allowed_at
where throttle_key = $throttle_key
