-- Summary table: the panel (queries/macros.sql, for every pair of rounds at once) per desa by the sectors of the
-- household-level interventions (any source; coalesce(sector_code, 'lintas_sektor')) that count by the end of the
-- second round's fieldwork (interventions_as_of at monitoring_round.ended_on): a household reached in two sectors is
-- in both, one reached in none is in 'tanpa_intervensi'; targeted_on (summary_household_target) makes is_target on
-- $as_of targeted_on <= $as_of. It answers household_transitions_by_sector whenever the round's date is the end of
-- its fieldwork (round_as_of: $as_of on or after it); an earlier $as_of needs the interventions' own dates, and that
-- query reads the rows then. Kept in order of the round pair, then the desa code.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_transition_sector
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        i.household_id,
        coalesce(i.sector_code, 'lintas_sektor') as sector_code,
        min(intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on)) as counted_on
    from intervention as i
    left join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
    group by all
),

observed as (
    select
        h.household_id,
        h.kabupaten_code,
        h.kecamatan_code,
        h.desa_code,
        b.round_id as baseline_round_id,
        o.round_id,
        r.ended_on,
        b.is_below_line as was_extreme_poor,
        o.is_below_line as is_extreme_poor
    from household as h
    inner join round_observation as b on b.household_id = h.household_id
    inner join round_observation as o on o.household_id = h.household_id
    inner join monitoring_round as r on r.round_id = o.round_id
    where is_valid_household(h.verification_status)
        and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
)

select
    p.kabupaten_code,
    p.kecamatan_code,
    p.desa_code,
    p.baseline_round_id,
    p.round_id,
    t.targeted_on,
    p.was_extreme_poor,
    p.is_extreme_poor,
    coalesce(c.sector_code, 'tanpa_intervensi') as sector_code,
    count(*) as households_count
from observed as p
left join counted as c on c.household_id = p.household_id and c.counted_on <= p.ended_on
left join summary_household_target as t on t.household_id = p.household_id
group by all
order by
    p.baseline_round_id, p.round_id, p.desa_code, t.targeted_on, p.was_extreme_poor, p.is_extreme_poor,
    coalesce(c.sector_code, 'tanpa_intervensi')
