-- Summary table: how the verified targets of each desa (the household's) move between numbers of distinct sources
-- reached (sources_count) as their household-level interventions come to count (counted_on: interventions_as_of,
-- from given_on without an MoA, from greatest(given_on, signed_on) under a signed one, never under a draft). On each
-- date one of a household's interventions counts, the household leaves the number it had (households_count -1, its
-- interventions counted so far out of interventions_count) and takes the new one (+1, its interventions counted by
-- then). Every verified target starts at 0 sources and 0 interventions, so on a date d the households with k sources
-- and their interventions are the verified targets at k = 0 plus the sum of the rows counted_on <= d at
-- sources_count k (queries/intervention_overlap.sql), for any date. Rows whose two changes are 0 are left out.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_desa_intervention_overlap
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        h.kabupaten_code,
        h.kecamatan_code,
        h.desa_code,
        i.household_id,
        i.source,
        intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on) as counted_on
    from intervention as i
    inner join household as h on h.household_id = i.household_id
    left join moa as m on m.moa_id = i.moa_id
    where is_verified_target(h.is_extreme_poor, h.verification_status)
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
        and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
),

first_source as (
    select
        *,
        counted_on = min(counted_on) over (partition by household_id, source) as is_first_of_source
    from counted
    where counted_on is not null
),

-- per household and date: interventions that count from that day, sources first counted that day
per_day as (
    select
        kabupaten_code,
        kecamatan_code,
        desa_code,
        household_id,
        counted_on,
        count(*) as interventions_count,
        count(distinct source) filter (where is_first_of_source) as sources_count
    from first_source
    group by all
),

-- the household's state after each of those days
state as (
    select
        household_id,
        kabupaten_code,
        kecamatan_code,
        desa_code,
        counted_on,
        sum(sources_count) over days as sources_count,
        sum(interventions_count) over days as interventions_count
    from per_day
    window days as (partition by household_id order by counted_on rows unbounded preceding)
),

moves as (
    select
        kabupaten_code,
        kecamatan_code,
        desa_code,
        counted_on,
        sources_count,
        1 as households_count,
        interventions_count
    from state
    union all
    select
        kabupaten_code,
        kecamatan_code,
        desa_code,
        counted_on,
        coalesce(lag(sources_count) over days, 0),
        -1,
        -coalesce(lag(interventions_count) over days, 0)
    from state
    window days as (partition by household_id order by counted_on)
)

select
    kabupaten_code,
    kecamatan_code,
    desa_code,
    counted_on,
    sources_count::bigint as sources_count,
    sum(households_count)::bigint as households_count,
    sum(interventions_count)::bigint as interventions_count
from moves
group by all
having sum(households_count) <> 0 or sum(interventions_count) <> 0
order by kabupaten_code, kecamatan_code, desa_code, counted_on, sources_count
