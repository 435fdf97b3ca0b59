update web_session
set ended_at = $now,
    end_reason = $reason
where username = $username
  and ended_at is null
