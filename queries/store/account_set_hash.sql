update account
set password_hash = $password_hash
where username = $username
