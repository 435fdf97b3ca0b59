-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
update account
set password_hash = $password_hash
where username = $username
