-- privacy: admin-only (store statement: accounts, sessions, throttling and audit; run by sinergi.access, never through load)
-- The shared store: audit log, accounts, login throttling, sessions and sign-in claims, for SQLite and PostgreSQL.
-- Times for throttling and sessions are epoch seconds; audit times are ISO-8601 UTC text (sortable).
-- One file for both dialects: a word in braces is spelled per dialect by the runner (sinergi.access.store DDL_WORDS);
-- `double precision` is SQLite's REAL (its type affinity) and PostgreSQL's float8 (`real` there is float4).
create table if not exists audit_event (
    event_id {id_key},
    at_utc text not null,
    username text not null,
    role text,
    event text not null,
    page text,
    detail text
);
create index if not exists audit_event_user on audit_event (username, event, at_utc);
create index if not exists audit_event_at on audit_event (at_utc);

create table if not exists account (
    username text primary key,
    role text not null,
    scope text,
    display_name text not null,
    password_hash text not null,
    created_at double precision not null,
    disabled_at double precision
);

create table if not exists login_throttle (
    throttle_key text primary key,
    failures integer not null,
    last_failure_at double precision not null,
    next_allowed_at double precision not null
);

create table if not exists web_session (
    session_id text primary key,
    username text not null,
    role text not null,
    scope text,
    display_name text not null,
    is_demo integer not null,
    created_at double precision not null,
    last_seen_at double precision not null,
    expires_at double precision not null,
    ended_at double precision,
    end_reason text
);
create index if not exists web_session_user on web_session (username);

create table if not exists session_claim (
    code_hash text primary key,
    session_id text not null,
    expires_at double precision not null
);
