-- The summary tables of this file are all current for this version of Sinergi: remember which version built them.
-- privacy: admin-only (written by the demo builds, the importer and the start-up summary refresh, never read by a page)
insert or replace into dataset_info values ('summary_fingerprint', $fingerprint)
