-- Monitoring rounds in order, with their fieldwork dates and extreme-poverty line.
-- privacy: counts=none
select
    round_id,
    round_code,
    name_id,
    name_en,
    started_on,
    ended_on,
    poverty_line_rp_per_capita_day
from monitoring_round
order by round_id
