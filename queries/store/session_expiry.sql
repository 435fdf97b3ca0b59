select expires_at
from web_session
where session_id = $session_id
