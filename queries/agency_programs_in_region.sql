-- Past programs of local agencies in the region's desa, with the agency, kecamatan and desa names.
-- privacy: counts=beneficiaries_count
-- privacy: amounts=none (budget_rp is the program's budget as the agency reports it, public in the APBD)
with final as (
    select
        h.history_id,
        h.partner_id,
        p.name as partner_name,
        p.hub_role,
        h.program,
        h.sector_code,
        d.kecamatan_code,
        k.name as kecamatan_name,
        h.desa_code,
        d.name as desa_name,
        h.year,
        h.beneficiaries_count,
        h.budget_rp,
        h.result,
        h.result_note
    from agency_program_history as h
    inner join partner as p using (partner_id)
    inner join region as d on d.region_code = h.desa_code
    inner join region as k on k.region_code = d.kecamatan_code
    where in_region(h.desa_code, $region)
    order by
        h.year desc,
        h.history_id
)

select * from final
