-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into login_throttle (throttle_key, failures, last_failure_at, next_allowed_at)
values ($throttle_key, 0, 0, 0)
on conflict (throttle_key) do nothing
