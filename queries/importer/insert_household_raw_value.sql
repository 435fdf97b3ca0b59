-- Keep the raw text of P3KE values the import did not recognise (the household rows hold LAINNYA).
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
insert into household_raw_value by name
select
    household_id,
    field,
    raw_value,
    getvariable('import_id') as import_id
from incoming
