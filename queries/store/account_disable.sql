-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
update account
set disabled_at = $now
where username = $username
  and disabled_at is null
