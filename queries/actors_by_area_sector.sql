-- Who is at work in each sector and area of a region: kecamatan rows for a province or kabupaten, desa rows for a
-- kecamatan or desa. "At work" = party to an active MoA (aktif, diperpanjang) targeting a desa of the area in that
-- sector; an agency program of the history register in that sector and desa within two years before $today; or a
-- CSR or collaboration intervention delivered by a partner in that sector and desa within two years before $today.
-- Routine household services (program_opd), bansos and dana desa are not counted: they reach almost every desa.
-- privacy: counts=none (actors_count counts partners and agencies, not people)
with work as (
    select
        t.desa_code,
        s.sector_code,
        mp.partner_id
    from moa as m
    inner join moa_target_desa as t using (moa_id)
    inner join moa_sector as s using (moa_id)
    inner join moa_party as mp using (moa_id)
    where m.status in ('aktif', 'diperpanjang')
    union
    select
        desa_code,
        sector_code,
        partner_id
    from agency_program_history
    where year between year($today) - 2 and year($today)
    union
    select
        desa_code,
        sector_code,
        partner_id
    from intervention
    where source in ('csr', 'kolaborasi')
        and partner_id is not null
        and sector_code is not null
        and given_on between $today - interval 2 year and $today
),

located as (
    select
        case when length($region) >= 8 then d.region_code else d.kecamatan_code end as area_code,
        w.sector_code,
        w.partner_id
    from work as w
    inner join region as d on d.region_code = w.desa_code
    where starts_with(w.desa_code || '.', $region || '.')
),

final as (
    select
        l.area_code,
        a.name as area_name,
        l.sector_code,
        count(distinct l.partner_id) as actors_count,
        string_agg(distinct p.name, '; ' order by p.name) as actor_names
    from located as l
    inner join region as a on a.region_code = l.area_code
    inner join partner as p using (partner_id)
    group by
        l.area_code,
        a.name,
        l.sector_code
    order by
        l.area_code,
        l.sector_code
)

select * from final
