-- Who is at work in each sector and area of a region: kabupaten rows for a province (or the nation), kecamatan rows
-- for a kabupaten, desa rows for a kecamatan or desa (a partner counts once per area, however many of its desa). "At work" on $as_of as actors_at_work in queries/macros.sql says: party to an MoA active then
-- targeting a desa of the area in that sector, an agency program of the history register there in the two years
-- before, or a partner's CSR or collaboration intervention there in the two years before. Routine household
-- services (program_opd), bansos and dana desa are not counted: they reach almost every desa.
-- privacy: counts=none (actors_count counts partners and agencies, not people)
-- actors_at_work_rows: actors_at_work($as_of) as it was before summary_desa_partner_work (queries/macros.sql), its
-- third branch on the interventions themselves
with actors_at_work_rows as (
    select
        t.desa_code,
        s.sector_code,
        mp.partner_id
    from moa_as_of($as_of) as m
    inner join moa_target_desa as t on t.moa_id = m.moa_id
    inner join moa_sector as s on s.moa_id = m.moa_id
    inner join moa_party as mp on mp.moa_id = m.moa_id
    where m.is_active
    union
    select
        desa_code,
        sector_code,
        partner_id
    from agency_program_history
    where year between year($as_of) - 2 and year($as_of)
    union
    select
        desa_code,
        sector_code,
        partner_id
    from interventions_as_of($as_of)
    where source in ('csr', 'kolaborasi')
        and partner_id is not null
        and sector_code is not null
        and given_on >= $as_of - interval 2 year
),

located as (
    select
        case
            when length($region) >= 8 then d.region_code
            when length($region) <= 2 then d.kabupaten_code
            else d.kecamatan_code
        end as area_code,
        w.sector_code,
        w.partner_id
    from actors_at_work_rows as w
    inner join region as d on d.region_code = w.desa_code
    where in_region(w.desa_code, $region)
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
