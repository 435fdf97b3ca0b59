select
    username,
    role,
    scope,
    display_name,
    password_hash
from account
where username = $username
  and disabled_at is null
