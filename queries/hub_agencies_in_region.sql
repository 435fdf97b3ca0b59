-- Koordinasi's hub: the agencies of a region (partners in scope as partners_in_region says: based in the region, in a
-- kabupaten containing it, province- or nation-wide, or party to one of its MoAs) with a hub role, in the role's
-- order (vocabulary hub_role), then kabupaten (none last) and id; with their programs in the region's desa (the
-- history register, as agency_programs_in_region reads it), the latest four distinct "program (year)" newest first
-- (the lowest history_id first within a year), and the MoAs of the region active on $as_of (moa_as_of) they are a
-- party to. One query instead of the four general ones (partners, MoAs, parties, programs) the page read for it.
-- privacy: counts=none (programs_count counts an agency's programs)
with scoped_moa as (
    select moa_id
    from moa_in_region($region)
),

agencies as (
    select
        p.partner_id,
        p.name as partner_name,
        p.hub_role,
        p.kabupaten_code,
        v.sort_order
    from partner as p
    inner join vocabulary as v on v.domain = 'hub_role' and v.code = p.hub_role
    where p.kabupaten_code is null
        or region_overlaps(p.kabupaten_code, $region)
        or p.partner_id in (
            select mp.partner_id
            from moa_party as mp
            semi join scoped_moa using (moa_id)
        )
),

programs as (
    select
        h.partner_id,
        h.program,
        h.year,
        h.history_id
    from agency_program_history as h
    inner join region as d on d.region_code = h.desa_code
    inner join region as k on k.region_code = d.kecamatan_code
    semi join agencies using (partner_id)
    where in_region(h.desa_code, $region)
),

named as (
    select
        partner_id,
        program || ' (' || year || ')' as named,
        year,
        min(history_id) as first_history_id,
        count(*) as programs_count
    from programs
    group by
        partner_id,
        program,
        year
),

program_lines as (
    select
        partner_id,
        sum(programs_count) as programs_count,
        array_to_string(list(named order by year desc, first_history_id)[1:4], '; ') as latest_programs
    from named
    group by partner_id
),

running as (
    select
        mp.partner_id,
        string_agg(distinct mp.moa_id, ', ' order by mp.moa_id) as running_moa_ids
    from moa_party as mp
    inner join scoped_moa using (moa_id)
    inner join moa_as_of($as_of) as m using (moa_id)
    where m.is_active
    group by mp.partner_id
),

final as (
    select
        a.hub_role,
        a.partner_id,
        a.partner_name,
        a.kabupaten_code,
        coalesce(l.programs_count, 0)::bigint as programs_count,
        coalesce(l.latest_programs, '') as latest_programs,
        coalesce(r.running_moa_ids, '') as running_moa_ids
    from agencies as a
    left join program_lines as l using (partner_id)
    left join running as r using (partner_id)
    order by
        a.sort_order,
        a.kabupaten_code nulls last,
        a.partner_id
)

select * from final
