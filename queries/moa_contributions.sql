-- Contributions pledged and realised by each party of one MoA, when that MoA is in the region.
-- privacy: counts=none (agreements: volumes and Rupiah pledged)
with final as (
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
    inner join partner as p using (partner_id)
    where c.moa_id = $moa_id
        and c.moa_id in (select moa_id from moa_in_region($region))
    order by
        c.partner_id,
        c.contribution_kind
)

select * from final
