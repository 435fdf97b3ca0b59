select
    username,
    role,
    scope,
    display_name,
    password_hash
from account
where disabled_at is null
order by username
