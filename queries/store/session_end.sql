-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- Ends a session once; the returned row tells the caller it was the one that ended it (one audit row).
update web_session
set ended_at = $now,
    end_reason = $reason
where session_id = $session_id
  and ended_at is null
returning username, role
