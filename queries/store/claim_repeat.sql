-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- A redeemed claim asked again by the same browser attempt (its first answer was lost): sinergi.access.sessions.
select session_id
from session_claim
where code_hash = $code_hash
  and expires_at > $now
