-- Summary table: the inputs of the difference-in-differences (queries/did_panel.sql) per desa, for every pair of
-- rounds at once: register decile-1 verified targets that are valid and observed in both rounds (the panel), by
-- status at the first round, observed decile, household size class and the head's sex, with the dates that decide
-- their group on any $as_of (did_panel finds the first MoA intervention given to a household among those that count
-- on $as_of; an MoA intervention counts from greatest(given_on, signed_on), never under a draft):
-- targeted_on = first date an MoA targeting it is signed (summary_household_target; is_any_target: targeted by any
-- MoA, signed or not), moa_reached_on = first date any MoA intervention to it counts, reached_by_round_on = first date
-- an MoA intervention given by its interview in round_id counts, reached_by_baseline_on = the same for its baseline
-- interview (null = never). On $as_of its first intervention lies on or before an interview exactly when the date
-- for that interview is on or before $as_of. Kept in order of the round pair, then the desa code.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_did
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with moa_given as (
    select
        i.household_id,
        i.given_on,
        greatest(i.given_on, m.signed_on) as counted_on
    from intervention as i
    inner join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and m.status <> 'draft'
        and m.signed_on is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
),

households as (
    select
        h.household_id,
        h.kabupaten_code,
        h.kecamatan_code,
        h.desa_code,
        b.round_id as baseline_round_id,
        o.round_id,
        b.observed_on as baseline_observed_on,
        o.observed_on,
        b.is_below_line as was_extreme_poor,
        o.is_below_line as is_extreme_poor,
        b.welfare_decile as baseline_decile,
        case when h.members_count <= 3 then '1-3' when h.members_count <= 5 then '4-5' else '6+' end as size_class,
        h.head_sex
    from household as h
    inner join round_observation as b on b.household_id = h.household_id
    inner join round_observation as o on o.household_id = h.household_id
    where is_valid_household(h.verification_status)
        and is_verified_target(h.is_extreme_poor, h.verification_status)
        and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
),

reach as (
    select
        p.household_id,
        p.baseline_round_id,
        p.round_id,
        min(g.counted_on) as moa_reached_on,
        min(g.counted_on) filter (where g.given_on <= p.observed_on) as reached_by_round_on,
        min(g.counted_on) filter (where g.given_on <= p.baseline_observed_on) as reached_by_baseline_on
    from households as p
    inner join moa_given as g on g.household_id = p.household_id
    group by all
)

select
    p.kabupaten_code,
    p.kecamatan_code,
    p.desa_code,
    p.baseline_round_id,
    p.round_id,
    t.targeted_on,
    t.household_id is not null as is_any_target,
    r.moa_reached_on,
    r.reached_by_round_on,
    r.reached_by_baseline_on,
    p.was_extreme_poor,
    p.baseline_decile,
    p.size_class,
    p.head_sex,
    count(*) as households_count,
    count(*) filter (where p.is_extreme_poor) as extreme_poor_count
from households as p
left join reach as r
    on r.household_id = p.household_id and r.baseline_round_id = p.baseline_round_id and r.round_id = p.round_id
left join summary_household_target as t on t.household_id = p.household_id
group by all
order by
    p.baseline_round_id, p.round_id, p.desa_code, t.targeted_on, is_any_target, r.moa_reached_on,
    r.reached_by_round_on, r.reached_by_baseline_on, p.was_extreme_poor, p.baseline_decile, p.size_class, p.head_sex
