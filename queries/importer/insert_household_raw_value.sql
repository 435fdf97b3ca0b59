-- Keep the raw text of P3KE values the import did not recognise (the household rows hold LAINNYA).
insert into household_raw_value by name
select
    household_id,
    field,
    raw_value,
    getvariable('import_id') as import_id
from incoming
