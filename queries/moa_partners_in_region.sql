-- Partners of MoAs that target desa in a region, with the MoA, its status and the party's role (desa profile).
-- privacy: counts=none (agreements and partners)
with targeted as (
    select distinct
        moa_id
    from moa_target_desa
    where starts_with(desa_code || '.', $region || '.')
),

final as (
    select
        m.moa_id,
        m.title,
        m.status,
        p.name as partner_name,
        p.partner_type,
        mp.party_role
    from targeted as t
    inner join moa as m on m.moa_id = t.moa_id
    inner join moa_party as mp on mp.moa_id = m.moa_id
    inner join partner as p on p.partner_id = mp.partner_id
)

select * from final
order by status, moa_id, party_role
