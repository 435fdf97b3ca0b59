-- The shared rules of Sinergi's figures, each defined once. sinergi.data.db creates them on every cursor before a
-- query runs (the app opens the database read-only, so they are temporary objects, never stored in the file).
-- docs/method.md explains each rule in both languages; tests/test_rules.py checks the coded lists against
-- sinergi/common/vocabulary.py and each rule against an independent pandas version.

-- Region scope: a code lies in a region when it is the region itself or below it ('99.02.01.2001' in '99.02').
-- The one place where a region filter is written: change its implementation here. Such codes sort between the
-- region and the region followed by '/' (the character after '.'): that range is a filter DuckDB checks against
-- each row group's min/max, so a table kept in code order is read only where the region lies, and no string is
-- built per row; the last condition keeps '99.021' out of '99.02'.
create or replace temp macro in_region(code, region) as
    code >= region
    and code < region || '/'
    and (length(code) = length(region) or substr(code, length(region) + 1, 1) = '.');

-- A code that covers the region or lies in it (a kabupaten budget for a kecamatan page).
create or replace temp macro region_overlaps(code, region) as
    in_region(code, region) or in_region(region, code);

-- Region scope of a row that keeps the codes of its kabupaten and kecamatan (household, verified_target, panel):
-- equality on the column of the region's level (for a province, the range of its kabupaten codes: in_region).
-- DuckDB folds the case once $region is bound and checks the equality or range against each row group's min/max,
-- and those tables are kept in region order, so a province, kabupaten or kecamatan reads its own row groups, not
-- the country's (left(kabupaten_code, 2) = region read every row group). Same answer as in_region(desa_code, region).
create or replace temp macro in_region_by_level(kabupaten_code, kecamatan_code, desa_code, region) as
    case length(region)
        when 2 then in_region(kabupaten_code, region)
        when 5 then kabupaten_code = region
        when 8 then kecamatan_code = region
        else desa_code = region
    end;

-- Agreement statuses (vocabulary SIGNED_STATUSES, RUNNING_STATUSES, OPEN_STATUSES).
create or replace temp macro is_signed_status(status) as
    status in ('aktif', 'diperpanjang', 'berakhir');

create or replace temp macro is_open_status(status) as
    status in ('draft', 'aktif', 'diperpanjang');

-- Household rules. Valid household: not found invalid (moved, deceased, duplicate, better off) in the field.
-- Register extreme poor: P3KE decile 1 and valid. Verified target: decile 1, confirmed in the field or added by the
-- village meeting (vocabulary VERIFIED_STATUSES).
create or replace temp macro is_valid_household(verification_status) as
    verification_status <> 'tidak_valid';

create or replace temp macro is_register_extreme_poor(is_extreme_poor, verification_status) as
    is_extreme_poor and is_valid_household(verification_status);

create or replace temp macro is_verified_target(is_extreme_poor, verification_status) as
    is_extreme_poor and verification_status in ('valid', 'tambahan_musdes');

create or replace temp view verified_target as
select *
from household
where is_verified_target(is_extreme_poor, verification_status);

-- An MoA belongs to a region when its kabupaten is in the region or one of its target desa is.
create or replace temp macro moa_in_region(region) as table
select m.moa_id
from moa as m
where in_region(m.kabupaten_code, region)
    or exists (
        select 1
        from moa_target_desa as t
        where t.moa_id = m.moa_id
            and in_region(t.desa_code, region)
    );

-- Each MoA with every kabupaten it belongs to: its own and that of each target desa (moa_in_region for a
-- kabupaten, for tables of many kabupaten at once).
create or replace temp macro moa_kabupaten() as table
select
    moa_id,
    kabupaten_code
from moa
union
select
    t.moa_id,
    d.kabupaten_code
from moa_target_desa as t
inner join region as d on d.region_code = t.desa_code;

-- Every MoA with its state on a date. Signed: status aktif, diperpanjang or berakhir and signed by then. Active:
-- signed and the date inside its period. Ending soon: active and ending within 90 days. Ended undecided: signed,
-- period over, and no renewal decision taken by then. Active and ended exclude each other.
create or replace temp macro moa_as_of(as_of) as table
select
    m.*,
    coalesce(is_signed_status(m.status) and m.signed_on <= as_of, false) as is_signed,
    is_signed and m.started_on <= as_of and m.ended_on >= as_of as is_active,
    is_active and m.ended_on <= as_of + interval 90 day as is_ending_soon,
    is_signed
        and m.ended_on < as_of
        and (m.renewal_decision is null or m.renewal_decided_on > as_of) as is_ended_undecided,
    datediff('day', as_of, m.ended_on) as days_to_end_count
from moa as m;

-- Contributions pledged and realised under each MoA, in Rupiah (realised so far: contributions carry no date).
create or replace temp view moa_money as
select
    moa_id,
    sum(pledged_value_rp) as pledged_rp,
    sum(realised_value_rp) as realised_rp
from contribution
group by moa_id;

-- Target households of the MoAs signed by a date (drafts' and discontinued agreements' targets are pipeline).
create or replace temp macro signed_target(as_of) as table
select
    t.moa_id,
    t.household_id
from moa_target_household as t
inner join moa_as_of(as_of) as m on m.moa_id = t.moa_id
where m.is_signed;

-- The date that stands for a round: the end of its fieldwork, never after the dataset's as-of date.
create or replace temp macro round_as_of(round_no, as_of) as
    least((select r.ended_on from monitoring_round as r where r.round_id = round_no), as_of);

-- Interventions that count on a date: given on or before it, and not under an MoA that was unsigned (a draft)
-- on that date.
create or replace temp macro interventions_as_of(as_of) as table
select i.*
from intervention as i
left join moa as m on m.moa_id = i.moa_id
where i.given_on <= as_of
    and (i.moa_id is null or (m.status <> 'draft' and m.signed_on <= as_of));

-- The day an intervention starts to count (the rule of interventions_as_of, as a date the summary tables store):
-- its given_on without an MoA, the later of given_on and the signing under a signed MoA, never (null) under a draft
-- or an unsigned MoA. Joined as moa m on m.moa_id = i.moa_id; a missing MoA gives null too.
create or replace temp macro intervention_counts_from(moa_id, given_on, moa_status, moa_signed_on) as
    case
        when moa_id is null then given_on
        when moa_status <> 'draft' and moa_signed_on is not null then greatest(given_on, moa_signed_on)
    end;

-- Each observation with its round's extreme-poverty line: below the line = observed extreme poor in that round.
create or replace temp view round_observation as
select
    o.*,
    r.poverty_line_rp_per_capita_day,
    o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day as is_below_line
from household_observation as o
inner join monitoring_round as r on r.round_id = o.round_id;

-- The same valid households at two rounds: status and decile at the first and at the second.
create or replace temp macro panel(baseline_round, round_no) as table
select
    h.household_id,
    h.desa_code,
    h.kecamatan_code,
    h.kabupaten_code,
    b.is_below_line as was_extreme_poor,
    o.is_below_line as is_extreme_poor,
    b.welfare_decile as baseline_decile,
    o.welfare_decile as decile,
    b.observed_on as baseline_observed_on,
    o.observed_on
from household as h
inner join round_observation as b on b.household_id = h.household_id and b.round_id = baseline_round
inner join round_observation as o on o.household_id = h.household_id and o.round_id = round_no
where is_valid_household(h.verification_status);

-- A household's contribution to a KPI in a round, as kpi_definition.definition_id says: d is the kpi_definition
-- row, o the round_observation row, mothers_children_count the household's.
create or replace temp macro kpi_amount(d, o, mothers_children_count) as
    case
        when d.kpi_code = 'penurunan_miskin_ekstrem' then o.is_below_line::integer
        when d.kpi_code = 'lapangan_kerja' then o.new_jobs_count
        when d.kpi_code = 'kegiatan_ekonomi' then o.business_started::integer
        when d.kpi_code = 'akses_kesehatan_sanitasi'
            then case when o.health_facility_access and o.sanitation_access then mothers_children_count else 0 end
        when d.kpi_code = 'kematian' then o.deaths_count
        when d.kpi_code like 'pelatihan\_%' escape '\'
            then case when o.trained_sector = d.sector_code then o.trained_people_count else 0 end
    end;

-- A KPI over a group of households (an aggregate, grouped by kpi_code): a share of households in % for the
-- share KPI, a sum for the counts.
create or replace temp macro kpi_value(kpi_code, amount) as
    case
        when kpi_code = 'penurunan_miskin_ekstrem' then 100.0 * sum(amount) / count(*)
        else sum(amount)::double
    end;

-- KPI amounts (kpi_amount) summed per group of households, desa, round and KPI: household_table names a table of
-- households (household_id) and the group each belongs to (its other columns: moa_id in moa_target_household,
-- targeted_on in summary_household_target). households_count is how many of the group's households were observed in
-- the round; a KPI over any set of such rows is kpi_value_of_sums. The KPI summary tables (queries/summary/) are
-- these sums; target_kpi gives the same amounts household by household.
create or replace temp macro household_kpi_sums(household_table) as table
select
    h.kabupaten_code,
    h.kecamatan_code,
    h.desa_code,
    t.* exclude (household_id),
    o.round_id,
    d.kpi_code,
    count(*) as households_count,
    sum(kpi_amount(d, o, h.mothers_children_count)) as amount
from query_table(household_table) as t
inner join household as h on h.household_id = t.household_id
inner join round_observation as o on o.household_id = h.household_id
cross join kpi_definition as d
group by all;

-- Each KPI contribution of every household of a region targeted by an MoA signed by as_of (signed_target), in two
-- rounds, with the household's columns: one row per household x round x KPI.
create or replace temp macro target_kpi(region, as_of, round_a, round_b) as table
with targeted as (
    select distinct household_id
    from signed_target(as_of)
)
select
    h.*,
    o.round_id,
    d.kpi_code,
    kpi_amount(d, o, h.mothers_children_count) as amount
from household as h
inner join targeted as t on t.household_id = h.household_id
inner join round_observation as o on o.household_id = h.household_id
cross join kpi_definition as d
where in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, region)
    and o.round_id in (round_a, round_b);

-- The budget lines that count for a region and round: those of the kabupaten of the region (budgets are kept per
-- kabupaten) in the years up to the round's date (round_as_of).
create or replace temp macro budget_as_of(region, round_no, as_of) as table
select *
from budget_allocation
where region_overlaps(kabupaten_code, region)
    and year <= year(round_as_of(round_no, as_of));

-- Who is at work in a sector and desa on a date: a party to an active MoA targeting the desa in that sector, an
-- agency program of the history register there in the two calendar years before, or a partner's CSR or
-- collaboration intervention there in the two years before (counted by then as interventions_as_of says; read from
-- summary_desa_partner_work, queries/summary/, which holds those days per desa, sector and partner instead of the
-- country's interventions). Routine services, bansos and dana desa are not counted. The two-year bound is cast back
-- to a date (as_of is one, so it is the same day): a date minus an interval is a timestamp, and compared with one every
-- given_on was cast per row.
create or replace temp macro actors_at_work(as_of) as table
select
    t.desa_code,
    s.sector_code,
    mp.partner_id
from moa_as_of(as_of) as m
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
where year between year(as_of) - 2 and year(as_of)
union
select
    desa_code,
    sector_code,
    partner_id
from summary_desa_partner_work
where counts_from <= as_of
    and given_on >= (as_of - interval 2 year)::date;

-- Each desa with what a table shows beside a desa's row: its name, its kecamatan's name and its distances to the
-- nearest port, market, city, puskesmas and hospital (null where none was measured). Joined to a per-desa table
-- filtered by in_region on that table's own desa_code, so that only the region's row groups are read.
create or replace temp macro desa_place() as table
select
    d.region_code as desa_code,
    d.name as desa_name,
    kec.name as kecamatan_name,
    dd.port_km,
    dd.market_km,
    dd.city_km,
    dd.puskesmas_km,
    dd.hospital_km
from region as d
inner join region as kec on kec.region_code = d.kecamatan_code
left join desa_distance as dd on dd.desa_code = d.region_code
where d.level = 'desa';

-- The rows of a per-desa table (desa_table names it: a sector's potential_food, potential_energy, health_condition,
-- umkm_product) that lie in a region, each with its desa_place() columns after the table's own. in_region is
-- checked on the table's own desa_code, so that only the region's row groups are read. The table's own columns keep
-- their names: a desa_place() column of the same name (health_condition has its own puskesmas_km) is renamed by
-- DuckDB (puskesmas_km_1) and is never read in its place.
create or replace temp macro region_desa_rows(desa_table, region) as table
select
    t.*,
    p.* exclude (desa_code)
from query_table(desa_table) as t
inner join desa_place() as p on p.desa_code = t.desa_code
where in_region(t.desa_code, region);

-- The household register per desa of a region, from summary_desa_household (queries/summary/): register extreme-poor
-- households and their members (is_register_extreme_poor), verified targets (is_verified_target), and all register
-- households. A figure of several desa is the sum of theirs.
create or replace temp macro register_by_desa(region) as table
select
    kabupaten_code,
    kecamatan_code,
    desa_code,
    coalesce(sum(households_count) filter (
        where is_register_extreme_poor(is_extreme_poor, verification_status)
    ), 0)::bigint as extreme_poor_households_count,
    coalesce(sum(members_count) filter (
        where is_register_extreme_poor(is_extreme_poor, verification_status)
    ), 0) as extreme_poor_people_count,
    coalesce(sum(households_count) filter (
        where is_verified_target(is_extreme_poor, verification_status)
    ), 0)::bigint as verified_targets_count,
    sum(households_count)::bigint as register_households_count
from summary_desa_household
where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, region)
group by kabupaten_code, kecamatan_code, desa_code;

-- kpi_value over the summary tables (summary_moa_kpi, summary_target_kpi), whose rows hold the sum of a group's
-- amounts and its households: the same figure as kpi_value over the households themselves.
create or replace temp macro kpi_value_of_sums(kpi_code, amount, households_count) as
    case
        when kpi_code = 'penurunan_miskin_ekstrem' then 100.0 * sum(amount) / sum(households_count)
        else sum(amount)::double
    end;

-- A kabupaten code lies in the kabupaten of $region or under $region (region_overlaps for kabupaten codes), written
-- as an equality so that DuckDB pushes it below joins (the panel's) and checks it against row-group min/max.
create or replace temp macro in_kabupaten_of(kabupaten_code, region) as
    case length(region)
        when 2 then left(kabupaten_code, 2) = region
        else kabupaten_code = left(region, 5)
    end;

-- interventions_as_of for the households of a region only: the same rows as interventions_as_of(as_of) joined to
-- those households, but the region's households are found first, so DuckDB reads only the interventions of their
-- row groups (the table is kept in desa order) instead of the country's. Read by the Intervensi queries as they were
-- before summary_desa_intervention_reach/_overlap (tests/reference/intervention_*.sql).
create or replace temp macro region_interventions_as_of(region, as_of) as table
select i.*
from intervention as i
semi join household as h
    on h.household_id = i.household_id
    and in_region_by_level(h.kabupaten_code, h.kecamatan_code, h.desa_code, region)
left join moa as m on m.moa_id = i.moa_id
where i.given_on <= as_of
    and (i.moa_id is null or (m.status <> 'draft' and m.signed_on <= as_of));

-- Each desa of a region with its register figures on a date, from the per-desa summary tables: extreme poor and
-- verified targets (summary_desa_household), and the verified targets an intervention (any, or collaboration/CSR)
-- reached by as_of (summary_desa_reach). The one rule of the map's indicators, per desa (location_indicators) and
-- summed per kecamatan or kabupaten (location_indicators_by_area).
create or replace temp macro desa_register_figures(region, as_of) as table
with register as (
    select desa_code, extreme_poor_households_count, verified_targets_count
    from register_by_desa(region)
),

reach as (
    select
        desa_code,
        coalesce(sum(verified_targets_count) filter (where reached_on <= as_of), 0)::bigint
            as verified_targets_reached_count,
        coalesce(sum(verified_targets_count) filter (where collaboration_reached_on <= as_of), 0)::bigint
            as verified_targets_collaboration_count
    from summary_desa_reach
    where in_region_by_level(kabupaten_code, kecamatan_code, desa_code, region)
    group by desa_code
)

select
    g.desa_code,
    g.extreme_poor_households_count,
    g.verified_targets_count,
    coalesce(r.verified_targets_reached_count, 0) as verified_targets_reached_count,
    coalesce(r.verified_targets_collaboration_count, 0) as verified_targets_collaboration_count
from register as g
left join reach as r on r.desa_code = g.desa_code;

-- The latest year's demography and health of each desa of a region (the map's denominators and health need): one
-- rule for the map by desa and by area.
create or replace temp macro latest_desa_households(region) as table
select desa_code, households_count as all_households_count
from demography
where year = (select max(year) from demography)
    and in_region(desa_code, region);

create or replace temp macro latest_desa_health(region) as table
select desa_code, need_score as health_need_score, stunting_rate_pct
from health_condition
where year = (select max(year) from health_condition)
    and in_region(desa_code, region);

-- The desa targeted by an MoA active on a date (a map's "covered" desa).
create or replace temp macro active_moa_desa(as_of) as table
select distinct t.desa_code
from moa_target_desa as t
inner join moa_as_of(as_of) as m on m.moa_id = t.moa_id
where m.is_active;

-- Summary tables (queries/summary/, sinergi.data.summary): which rows a rebuild deletes and recomputes.
-- kabupaten_codes lists the kabupaten whose rows are rebuilt; null = every kabupaten (the full build). A row with a
-- kabupaten_code column is in scope by that code (the range lets DuckDB skip row groups of other kabupaten); a
-- household-keyed row by its household's kabupaten; an MoA-keyed row when the MoA is listed or targets a household of
-- one of the kabupaten (its rows add up its targets in every kabupaten, so they are recomputed whole). The builder
-- lists those households and MoAs in temporary tables first (queries/summary_scope/_prepare.sql).
create or replace temp macro in_summary_scope(kabupaten_code, kabupaten_codes) as
    kabupaten_codes is null or (
        kabupaten_code between list_min(kabupaten_codes::varchar[]) and list_max(kabupaten_codes::varchar[])
        and list_contains(kabupaten_codes::varchar[], kabupaten_code)
    );

create or replace temp macro in_summary_household_scope(household_id, kabupaten_codes) as
    kabupaten_codes is null or household_id in (select sh.household_id from summary_scope_household as sh);

create or replace temp macro in_summary_moa_scope(moa_id, kabupaten_codes) as
    kabupaten_codes is null or moa_id in (select sm.moa_id from summary_scope_moa as sm);
