insert into session_claim (code_hash, session_id, expires_at)
values ($code_hash, $session_id, $expires_at)
