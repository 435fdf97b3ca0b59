update account
set disabled_at = $now
where username = $username
  and disabled_at is null
