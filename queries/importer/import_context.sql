-- Name the running import for the statements that stamp rows with it (getvariable('import_id')).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
set variable import_id = $import_id
