-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into session_claim (code_hash, session_id, expires_at)
values ($code_hash, $session_id, $expires_at)
