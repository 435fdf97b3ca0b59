-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
insert into audit_event (at_utc, username, role, event, page, detail)
values ($at_utc, $username, $role, $event, $page, $detail)
