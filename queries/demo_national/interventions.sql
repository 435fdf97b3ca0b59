-- National-shape demo: interventions from every source, generated inside DuckDB (sinergi.data.demo.national_sql).
-- Follows sinergi.data.demo.activities.interventions: social assistance from the register flags, collaboration
-- interventions for MoA targets, CSR and agency programs for a sample of deciles 1-2, and desa-level works.
-- privacy: admin-only (a statement of the demo generator, never read by a page)
insert into intervention
with bansos as (
    select
        'INT-' || b.k || '-' || substr(h.household_id, 5) as intervention_id,
        b.source,
        b.strategy,
        b.program,
        b.sector_code,
        null as partner_id,
        null as moa_id,
        h.household_id,
        h.desa_code,
        date '2025-01-15' + (hdraw(row_key($seed, h.household_id), 70 + b.k) % 600)::integer as given_on,
        b.amount_rp
    from household as h
    cross join plan_bansos as b
    where case b.k
        when 1 then h.receives_pkh
        when 2 then h.receives_bpnt
        when 3 then h.receives_pbi_jkn
        when 4 then h.receives_blt_dd
        else h.receives_kur
    end
),

target as (
    select
        t.household_id,
        t.moa_id,
        s.sector_code
    from moa_target_household as t
    inner join moa_sector as s on s.moa_id = t.moa_id
    qualify row_number() over (partition by t.household_id order by t.moa_id, s.sector_code) = 1
),

doer as (
    select
        moa_id,
        max(partner_id) as partner_id
    from moa_party
    where party_role in ('pelaksana', 'pendana')
    group by moa_id
),

collaboration as (
    select
        'INT-K-' || substr(t.household_id, 5) as intervention_id,
        'kolaborasi' as source,
        'tingkatkan_pendapatan' as strategy,
        th.first_theme as program,
        t.sector_code,
        doer.partner_id,
        t.moa_id,
        t.household_id,
        h.desa_code,
        m.started_on + 30 + (hdraw(row_key($seed, t.household_id), 71) % 270)::integer as given_on,
        (15 + hdraw(row_key($seed, t.household_id), 72) % 105) * 100000 as amount_rp
    from target as t
    inner join household as h on h.household_id = t.household_id
    inner join moa as m on m.moa_id = t.moa_id
    inner join doer on doer.moa_id = t.moa_id
    inner join plan_theme as th on th.sector_code = t.sector_code
),

poorest as (
    select
        row_key($seed, household_id) as rk,
        household_id,
        desa_code,
        kabupaten_code
    from household
    where welfare_decile <= 2
),

csr as (
    select
        'INT-C-' || substr(p.household_id, 5) as intervention_id,
        'csr' as source,
        any_of(['kurangi_beban', 'tingkatkan_pendapatan'], hdraw(p.rk, 73)) as strategy,
        th.last_theme || ' (CSR)' as program,
        th.sector_code,
        any_of($csr_partners, hdraw(p.rk, 74)) as partner_id,
        null as moa_id,
        p.household_id,
        p.desa_code,
        date '2025-03-01' + (hdraw(p.rk, 75) % 520)::integer as given_on,
        (5 + hdraw(p.rk, 76) % 55) * 100000 as amount_rp
    from poorest as p
    inner join plan_theme as th on th.sector_code = any_of($sectors, hdraw(p.rk, 77))
    where draw(p.rk, 78) < 0.05
),

agency as (
    select
        'INT-O-' || substr(p.household_id, 5) as intervention_id,
        'program_opd' as source,
        any_of(['kurangi_beban', 'tingkatkan_pendapatan'], hdraw(p.rk, 79)) as strategy,
        th.last_theme || ' (PROGRAM OPD)' as program,
        th.sector_code,
        a.partner_id,
        null as moa_id,
        p.household_id,
        p.desa_code,
        date '2025-03-01' + (hdraw(p.rk, 80) % 520)::integer as given_on,
        (5 + hdraw(p.rk, 81) % 55) * 100000 as amount_rp
    from poorest as p
    inner join plan_theme as th on th.sector_code = any_of($agency_sectors, hdraw(p.rk, 82))
    inner join partner as a
        on a.kabupaten_code = p.kabupaten_code and a.partner_type = 'opd' and a.hub_role = th.hub_role
    where draw(p.rk, 83) < 0.12
),

desa_works as (
    select
        'INT-D-' || d.desa_nodot as intervention_id,
        any_of(['dana_desa', 'program_opd', 'csr'], hdraw(row_key($seed, d.desa_no), 84)) as source,
        'kantong_kemiskinan' as strategy,
        any_of(['Jalan usaha tani', 'Sarana air bersih', 'MCK komunal', 'PLTS komunal'], hdraw(row_key($seed, d.desa_no), 85))
            as program,
        any_of(['pangan', 'kesehatan', 'kesehatan', 'energi'], hdraw(row_key($seed, d.desa_no), 86)) as sector_code,
        null as partner_id,
        null as moa_id,
        null as household_id,
        d.desa_code,
        date '2025-04-01' + (hdraw(row_key($seed, d.desa_no), 87) % 500)::integer as given_on,
        (50 + hdraw(row_key($seed, d.desa_no), 88) % 850) * 1000000 as amount_rp
    from plan_desa as d
    where d.households > 0 and draw(row_key($seed, d.desa_no), 89) < 0.25
)

select * from bansos
union all
select * from collaboration
union all
select * from csr
union all
select * from agency
union all
select * from desa_works
