-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- Audit events, newest first; a null filter matches everything (casts give the bound NULLs a type).
select
    event_id,
    at_utc,
    username,
    role,
    event,
    page,
    detail
from audit_event
where (cast($start as text) is null or at_utc >= $start)
  and (cast($end_before as text) is null or at_utc < $end_before)
  and (cast($username as text) is null or username = $username)
  and (cast($event as text) is null or event = $event)
order by event_id desc
limit $row_limit
