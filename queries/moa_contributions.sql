-- Contributions pledged and realised by each party of one MoA, when that MoA is in the region.
-- privacy: counts=none (agreements: volumes and Rupiah pledged)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where m.moa_id = $moa_id
        and (
            starts_with(m.kabupaten_code || '.', $region || '.')
            or starts_with(t.desa_code || '.', $region || '.')
        )
),

final as (
    select
        c.contribution_id,
        c.moa_id,
        c.partner_id,
        p.name as partner_name,
        c.contribution_kind,
        c.sector_code,
        c.unit,
        c.pledged_volume,
        c.realised_volume,
        c.pledged_value_rp,
        c.realised_value_rp
    from contribution as c
    inner join scoped using (moa_id)
    inner join partner as p using (partner_id)
    order by
        c.partner_id,
        c.contribution_kind
)

select * from final
