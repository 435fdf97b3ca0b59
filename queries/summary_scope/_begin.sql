-- The summary rows an import can change, collected while it writes (sinergi.data.summary): one row per kabupaten
-- code and per MoA id its written rows reach, or is_everything when a write can change any row (a full rebuild).
-- privacy: admin-only (a summary rebuild's scope, written by the importer inside its transaction, never read by a page)
create temp table if not exists summary_rebuild_scope (
    kabupaten_code varchar,
    moa_id varchar,
    is_everything boolean
)
