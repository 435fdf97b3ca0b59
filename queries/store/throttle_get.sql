select
    failures,
    last_failure_at,
    next_allowed_at
from login_throttle
where throttle_key = $throttle_key
