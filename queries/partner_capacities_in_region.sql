-- Capacities (sector x kind of contribution, level 1-3) of the partners relevant to a region: based in it, in the
-- kabupaten containing it, working province-wide, or party to one of its MoAs.
-- privacy: counts=none (partners)
with in_scope as (
    select p.partner_id
    from partner as p
    where p.kabupaten_code is null
        or region_overlaps(p.kabupaten_code, $region)
    union
    select mp.partner_id
    from moa_party as mp
    inner join moa_in_region($region) using (moa_id)
),

final as (
    select
        c.partner_id,
        p.name as partner_name,
        p.partner_type,
        p.kabupaten_code,
        c.sector_code,
        c.contribution_kind,
        c.capacity_level
    from partner_capacity as c
    inner join in_scope using (partner_id)
    inner join partner as p using (partner_id)
    order by
        c.partner_id,
        c.sector_code,
        c.contribution_kind
)

select * from final
