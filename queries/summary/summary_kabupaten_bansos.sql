-- Summary table: bansos received by verified targets per kabupaten (the household's) and the date each bansos
-- intervention counts (interventions_as_of: from given_on without an MoA, from greatest(given_on, signed_on) under a
-- signed one, never under a draft): the bansos of a kabupaten by a date d is the sum of the rows counted_on <= d.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_kabupaten_bansos
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        i.household_id,
        i.amount_rp,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counted_on
    from intervention as i
    left join moa as m on m.moa_id = i.moa_id
    where i.source = 'bansos'
        and i.household_id is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
)

select
    h.kabupaten_code,
    c.counted_on,
    sum(c.amount_rp) as amount_rp
from counted as c
inner join household as h on h.household_id = c.household_id
where c.counted_on is not null
    and is_verified_target(h.is_extreme_poor, h.verification_status)
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by all
