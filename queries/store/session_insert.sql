-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into web_session (
    session_id, username, role, scope, display_name, is_demo, created_at, last_seen_at, expires_at
)
values ($session_id, $username, $role, $scope, $display_name, $is_demo, $now, $now, $expires_at)
