-- The MoAs of a region (moa_in_region) with status, period, stage, sectors, parties, target desa, contribution totals
-- and their state on $as_of (moa_as_of: signed, active, ending within 90 days, ended without a renewal decision).
-- privacy: counts=none (agreements: parties_count counts partners, target_desa_count counts desa)
-- the region's MoAs first: sectors, parties and targets are aggregated for them only, not for the country's MoAs
with scoped as (
    select moa_id
    from moa_in_region($region)
),

sectors as (
    select
        moa_id,
        string_agg(sector_code, ',' order by sector_code) as sector_codes
    from moa_sector
    semi join scoped using (moa_id)
    group by moa_id
),

parties as (
    select
        moa_id,
        count(*) as parties_count
    from moa_party
    semi join scoped using (moa_id)
    group by moa_id
),

targets as (
    select
        moa_id,
        count(*) as target_desa_count
    from moa_target_desa
    semi join scoped using (moa_id)
    group by moa_id
),

final as (
    select
        m.moa_id,
        m.moa_number,
        m.title,
        m.kabupaten_code,
        k.name as kabupaten_name,
        m.status,
        m.signed_on,
        m.started_on,
        m.ended_on,
        m.renewal_of_moa_id,
        m.renewal_decision,
        m.renewal_decided_on,
        m.current_stage_no,
        ps.name_id as stage_name_id,
        ps.name_en as stage_name_en,
        coalesce(s.sector_codes, '') as sector_codes,
        coalesce(p.parties_count, 0) as parties_count,
        coalesce(t.target_desa_count, 0) as target_desa_count,
        coalesce(mo.pledged_rp, 0) as pledged_rp,
        coalesce(mo.realised_rp, 0) as realised_rp,
        m.scope,
        m.resources,
        m.action_plan,
        m.is_signed,
        m.is_active,
        m.is_ending_soon,
        m.is_ended_undecided,
        m.days_to_end_count
    from moa_as_of($as_of) as m
    inner join scoped using (moa_id)
    left join region as k on k.region_code = m.kabupaten_code
    left join program_stage as ps on ps.stage_no = m.current_stage_no
    left join sectors as s using (moa_id)
    left join parties as p using (moa_id)
    left join targets as t using (moa_id)
    left join moa_money as mo using (moa_id)
    order by m.moa_id
)

select * from final
