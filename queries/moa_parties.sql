-- Parties of the region's MoAs and their roles (an MoA is in the region by kabupaten or by a target desa).
-- privacy: counts=none (agreements and partners)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

final as (
    select
        mp.moa_id,
        mp.partner_id,
        p.name as partner_name,
        p.partner_type,
        mp.party_role
    from moa_party as mp
    inner join scoped using (moa_id)
    inner join partner as p using (partner_id)
    order by
        mp.moa_id,
        case mp.party_role
            when 'koordinator' then 1
            when 'pelaksana' then 2
            when 'pendana' then 3
            when 'pendamping' then 4
            else 5
        end,
        p.name
)

select * from final
