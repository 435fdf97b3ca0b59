-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
select
    username,
    role,
    scope,
    display_name,
    password_hash
from account
where disabled_at is null
order by username
