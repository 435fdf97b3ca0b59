-- The same households in two rounds by sector of the household-level interventions they received (any source) that
-- count on the date of $round_id (interventions_as_of at round_as_of): a household reached in two sectors counts in
-- both; 'tanpa_intervensi' when it received none. Valid households of $region observed at $baseline_round_id and
-- $round_id (panel); is_target marks households targeted by an MoA signed by $as_of (signed_target).
-- privacy: counts=households_count
with observed as (
    select
        p.household_id,
        p.household_id in (select household_id from signed_target($as_of)) as is_target,
        p.was_extreme_poor,
        p.is_extreme_poor
    from panel($baseline_round_id, $round_id) as p
    where in_region_by_level(p.kabupaten_code, p.kecamatan_code, p.desa_code, $region)
),

sectors as (
    select distinct
        household_id,
        coalesce(sector_code, 'lintas_sektor') as sector_code
    from interventions_as_of(round_as_of($round_id, $as_of))
    where household_id is not null
        and in_region(desa_code, $region)
),

final as (
    select
        coalesce(s.sector_code, 'tanpa_intervensi') as sector_code,
        o.is_target,
        o.was_extreme_poor,
        o.is_extreme_poor,
        count(*) as households_count
    from observed as o
    left join sectors as s on s.household_id = o.household_id
    group by all
    order by all
)

select * from final
