-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- A claim code works once, and only before it expires.
delete from session_claim
where code_hash = $code_hash
  and expires_at > $now
returning session_id, expires_at
