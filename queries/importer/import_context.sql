-- Name the running import for the statements that stamp rows with it (getvariable('import_id')).
set variable import_id = $import_id
