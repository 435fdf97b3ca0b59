-- The MoAs of a region with status, period, stage, sectors, parties, target desa and contribution totals. An MoA
-- belongs to a region when its kabupaten is in the region, or, below kabupaten level, when one of its target desa is.
-- privacy: counts=none (agreements: parties_count counts partners, target_desa_count counts desa)
with scoped as (
    select distinct m.moa_id
    from moa as m
    left join moa_target_desa as t on t.moa_id = m.moa_id
    where starts_with(m.kabupaten_code || '.', $region || '.')
        or starts_with(t.desa_code || '.', $region || '.')
),

sectors as (
    select
        moa_id,
        string_agg(sector_code, ',' order by sector_code) as sector_codes
    from moa_sector
    group by moa_id
),

parties as (
    select
        moa_id,
        count(*) as parties_count
    from moa_party
    group by moa_id
),

targets as (
    select
        moa_id,
        count(*) as target_desa_count
    from moa_target_desa
    group by moa_id
),

money as (
    select
        moa_id,
        sum(pledged_value_rp) as pledged_rp,
        sum(realised_value_rp) as realised_rp
    from contribution
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
        m.action_plan
    from moa as m
    inner join scoped using (moa_id)
    left join region as k on k.region_code = m.kabupaten_code
    left join program_stage as ps on ps.stage_no = m.current_stage_no
    left join sectors as s using (moa_id)
    left join parties as p using (moa_id)
    left join targets as t using (moa_id)
    left join money as mo using (moa_id)
    order by m.moa_id
)

select * from final
