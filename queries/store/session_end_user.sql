-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
update web_session
set ended_at = $now,
    end_reason = $reason
where username = $username
  and ended_at is null
