-- Facts about the loaded dataset: as-of date, source, synthetic flag.
-- privacy: counts=none
select
    info_key,
    info_value
from dataset_info
order by info_key
