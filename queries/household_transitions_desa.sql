-- Perpindahan per desa of $region: valid households observed at $baseline_round_id and at $round_id (panel) by
-- transition between the two rounds (keluar = extreme poor at the baseline and not at the round, masuk = the
-- reverse, tetap_miskin, tetap_tidak_miskin), all households or, when $targets_only, those targeted by an MoA
-- signed by $as_of (signed_target). Desa with the most households leaving first, then by the label "name (code)"
-- the page shows. One page: $page_size rows (null = all) from row $page_offset; desa_count = desa in the whole list
-- (for the number of pages). Read from summary_desa_transition (queries/summary/).
-- privacy: counts=keluar,masuk,tetap_miskin,tetap_tidak_miskin,households_count
with observed as (
    select
        s.desa_code,
        s.was_extreme_poor,
        s.is_extreme_poor,
        s.households_count
    from summary_desa_transition as s
    where in_region_by_level(s.kabupaten_code, s.kecamatan_code, s.desa_code, $region)
        and s.baseline_round_id = $baseline_round_id
        and s.round_id = $round_id
        and (not $targets_only or coalesce(s.targeted_on <= $as_of, false))
),

per_desa as (
    select
        o.desa_code,
        sum(o.households_count) filter (where o.was_extreme_poor and not o.is_extreme_poor)::bigint as keluar,
        sum(o.households_count) filter (where not o.was_extreme_poor and o.is_extreme_poor)::bigint as masuk,
        sum(o.households_count) filter (where o.was_extreme_poor and o.is_extreme_poor)::bigint as tetap_miskin,
        sum(o.households_count)::bigint as households_count
    from observed as o
    group by o.desa_code
),

final as (
    select
        p.desa_code,
        d.name as desa_name,
        coalesce(p.keluar, 0) as keluar,
        coalesce(p.masuk, 0) as masuk,
        coalesce(p.tetap_miskin, 0) as tetap_miskin,
        -- the rest, as sinergi.monitoring.analysis.transition_of files any row that is none of the three
        p.households_count - coalesce(p.keluar, 0) - coalesce(p.masuk, 0) - coalesce(p.tetap_miskin, 0)
            as tetap_tidak_miskin,
        p.households_count,
        count(*) over () as desa_count
    from per_desa as p
    inner join region as d on d.region_code = p.desa_code
    order by keluar desc, d.name || ' (' || p.desa_code || ')', p.desa_code
    limit $page_size
    offset $page_offset
)

select * from final
