delete from session_claim
where expires_at <= $now
