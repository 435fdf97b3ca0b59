-- The kabupaten of $region that hold any P3KE household: the scorecard leaves a kabupaten imported with boundaries
-- only without household figures ("–", "Tidak ada data" on the map) instead of rows of zeros (walk1 item 6).
-- privacy: counts=none (kabupaten codes, not a count of people)
select distinct kabupaten_code
from summary_desa_household
where region_overlaps(kabupaten_code, $region)
order by kabupaten_code
