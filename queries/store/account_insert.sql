-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into account (username, role, scope, display_name, password_hash, created_at)
values ($username, $role, $scope, $display_name, $password_hash, $now)
