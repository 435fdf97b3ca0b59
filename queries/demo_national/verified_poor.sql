-- National-shape demo: decile-1 households verified in the field, the pool MoA targets are drawn from.
-- privacy: admin-only (a statement of the demo generator, never read by a page)
select
    household_id,
    desa_code,
    welfare_decile,
    verification_status
from household
where welfare_decile = 1 and verification_status in ('valid', 'tambahan_musdes')
order by household_id
