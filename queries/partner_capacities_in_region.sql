-- Capacities (sector x kind of contribution, level 1-3) of the partners relevant to a region: based in it, in the
-- kabupaten containing it, working province-wide, or party to one of its MoAs.
-- privacy: counts=none (partners)
with scoped_moa as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

in_scope as (
    select p.partner_id
    from partner as p
    where p.kabupaten_code is null
        or starts_with(p.kabupaten_code || '.', $region || '.')
        or starts_with($region || '.', p.kabupaten_code || '.')
    union
    select mp.partner_id
    from moa_party as mp
    inner join scoped_moa using (moa_id)
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
