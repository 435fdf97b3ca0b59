-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- A live session (not ended, not idle past the limit, not past its absolute expiry) is touched and returned.
update web_session
set last_seen_at = $now
where session_id = $session_id
  and ended_at is null
  and last_seen_at >= $idle_since
  and expires_at > $now
returning username, role, scope, display_name, is_demo
