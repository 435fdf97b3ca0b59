-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
select expires_at
from web_session
where session_id = $session_id
