insert into audit_event (at_utc, username, role, event, page, detail)
values ($at_utc, $username, $role, $event, $page, $detail)
