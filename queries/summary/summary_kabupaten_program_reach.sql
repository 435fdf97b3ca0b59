-- Summary table: households per kabupaten (the household's) and intervention program by the first date an
-- intervention of that program to them counts (interventions_as_of rule, as in summary_household_reach), for the
-- cost per program (queries/cost_per_program.sql): "reached by the program on a date d" is reached_on <= d.
-- privacy: admin-only (a summary table written by the demo generator and the importer, never read by a page)
delete from summary_kabupaten_program_reach
where in_summary_scope(kabupaten_code, $kabupaten_codes);

with counted as (
    select
        i.household_id,
        i.program,
        min(intervention_counts_from(i.moa_id, i.given_on, m.status, m.signed_on)) as reached_on
    from intervention as i
    left join moa as m on m.moa_id = i.moa_id
    where i.household_id is not null
        and in_summary_household_scope(i.household_id, $kabupaten_codes)
    group by all
)

select
    h.kabupaten_code,
    c.program,
    c.reached_on,
    count(*) as households_count
from counted as c
inner join household as h on h.household_id = c.household_id
where c.reached_on is not null
    and in_summary_scope(h.kabupaten_code, $kabupaten_codes)
group by all
order by all
