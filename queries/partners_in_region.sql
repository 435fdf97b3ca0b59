-- Partners relevant to a region: those based in it, those whose home kabupaten contains it, those working
-- province- or nation-wide (no home kabupaten) and every party to one of the region's MoAs; with their MoA
-- counts (active: moa_as_of on $as_of), capacities and the kecamatan where they work (MoA target desa and past agency
-- programs in the region).
-- privacy: counts=none (partners: moa_count counts agreements, desa_worked_count counts desa)
with scoped_moa as (
    select
        m.moa_id,
        m.is_active
    from moa_as_of($as_of) as m
    inner join moa_in_region($region) using (moa_id)
),

moa_counts as (
    select
        mp.partner_id,
        count(*) as moa_count,
        count(*) filter (where s.is_active) as active_moa_count
    from moa_party as mp
    inner join scoped_moa as s using (moa_id)
    group by mp.partner_id
),

in_scope as (
    select p.partner_id
    from partner as p
    where p.kabupaten_code is null
        or region_overlaps(p.kabupaten_code, $region)
    union
    select partner_id
    from moa_counts
),

-- the partners in scope only: string_agg over the country's capacities cost 30-70 ms whatever the region
capacities as (
    select
        partner_id,
        string_agg(distinct sector_code, ',' order by sector_code) as sector_codes,
        string_agg(distinct contribution_kind, ',' order by contribution_kind) as contribution_kinds
    from partner_capacity
    semi join in_scope using (partner_id)
    group by partner_id
),

work_desa as (
    select
        mp.partner_id,
        t.desa_code
    from moa_party as mp
    inner join scoped_moa using (moa_id)
    inner join moa_target_desa as t using (moa_id)
    union
    select
        partner_id,
        desa_code
    from agency_program_history
),

work_places as (
    select
        w.partner_id,
        count(distinct w.desa_code) as desa_worked_count,
        string_agg(distinct k.name, ', ' order by k.name) as kecamatan_names
    from work_desa as w
    inner join region as d on d.region_code = w.desa_code
    inner join region as k on k.region_code = d.kecamatan_code
    where in_region(w.desa_code, $region)
    group by w.partner_id
),

final as (
    select
        p.partner_id,
        p.name,
        p.partner_type,
        p.kabupaten_code,
        kab.name as kabupaten_name,
        p.hub_role,
        p.description,
        p.contact_email,
        coalesce(c.sector_codes, '') as sector_codes,
        coalesce(c.contribution_kinds, '') as contribution_kinds,
        coalesce(mc.moa_count, 0) as moa_count,
        coalesce(mc.active_moa_count, 0) as active_moa_count,
        coalesce(w.desa_worked_count, 0) as desa_worked_count,
        coalesce(w.kecamatan_names, '') as kecamatan_names
    from partner as p
    inner join in_scope using (partner_id)
    left join region as kab on kab.region_code = p.kabupaten_code
    left join capacities as c using (partner_id)
    left join moa_counts as mc using (partner_id)
    left join work_places as w using (partner_id)
    order by p.partner_id
)

select * from final
