-- The same households in two rounds, for the whole of $region: counts by extreme-poor status and welfare decile at
-- $baseline_round_id and at $round_id (panel in queries/macros.sql: extreme poor in a round = expenditure below that
-- round's line), for the valid households observed in both rounds. is_target marks households targeted by an MoA
-- signed by $as_of (signed_target). What Perpindahan's tiles, Sankey and decile matrix read: at most
-- 2 x 2 x 2 x 11 x 11 rows, whatever the region's size (household_transitions_desa has the per-desa table).
-- Read from summary_desa_transition (queries/summary/), the panel counted per desa with the date each household
-- became a signed target.
-- privacy: counts=households_count
with final as (
    select
        coalesce(s.targeted_on <= $as_of, false) as is_target,
        s.was_extreme_poor,
        s.is_extreme_poor,
        s.baseline_decile,
        s.decile,
        sum(s.households_count)::bigint as households_count
    from summary_desa_transition as s
    where in_region_by_level(s.kabupaten_code, s.kecamatan_code, s.desa_code, $region)
        and s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
    group by all
    order by all
)

select * from final
