-- Sinergi database schema. Every column carries a `--` description on its own line: docs/data_dictionary.md is
-- generated from these comments (python -m sinergi.data.dictionary) and a test keeps the two in step.
-- Units are part of column names: _rp (Rupiah), _km, _km2, _ha, _ton, _kw, _pct (0-100), _count, _on (date).

-- Lookup: every coded value of the domain (filled from sinergi/common/vocabulary.py, the one source).
create table vocabulary (
    domain varchar not null, -- the list: sector, moa_status, contribution_kind, ...
    code varchar not null, -- the stored value
    sort_order integer not null, -- display order within the list, from 1
    primary key (domain, code)
);

-- Lookup: the four intervention sectors (bidang intervensi).
create table sector (
    sector_code varchar primary key, -- coded: vocabulary 'sector'
    name_id varchar not null, -- name in Bahasa Indonesia
    name_en varchar not null -- name in English
);

-- Lookup: the seven stages of the program flow (alur program).
create table program_stage (
    stage_no integer primary key, -- 1 coordination ... 7 monitoring and evaluation
    stage_code varchar not null unique, -- coded: vocabulary 'program_stage'
    name_id varchar not null, -- name in Bahasa Indonesia
    name_en varchar not null -- name in English
);

-- Facts about the loaded dataset (as-of date, source, synthetic flag).
create table dataset_info (
    info_key varchar primary key, -- as_of, source, is_synthetic, seed, scale, generator_version
    info_value varchar not null -- value as text
);

-- Administrative regions, Kemendagri codes with dots.
create table region (
    region_code varchar primary key, -- dotted Kemendagri code: 99, 99.01, 99.01.02, 99.01.02.2003
    region_code_nodot varchar not null unique, -- the same code without dots
    level varchar not null check (level in ('provinsi', 'kabupaten', 'kecamatan', 'desa')), -- coded: vocabulary 'region_level'
    region_type varchar not null, -- provinsi, kabupaten, kota, kecamatan, desa, kelurahan
    name varchar not null, -- official name, without the level prefix for kecamatan and desa
    parent_code varchar, -- code of the parent region (null for a provinsi)
    kabupaten_code varchar, -- code of the kabupaten it lies in (itself for a kabupaten)
    kecamatan_code varchar, -- code of the kecamatan it lies in (itself for a kecamatan; null above)
    area_km2 double not null, -- area from the full geometry, km2
    centroid_lon double not null, -- centroid longitude, WGS84
    centroid_lat double not null, -- centroid latitude, WGS84
    elevation_m double, -- mean elevation, metres (desa only)
    is_coastal boolean, -- the desa touches the coastline
    landscape varchar, -- pesisir, dataran_rendah, dataran_tinggi, lahan_kering (desa only)
    geometry_wkb blob not null, -- full boundary, WKB, EPSG:4326
    geometry_simplified_geojson varchar not null -- boundary simplified for maps, GeoJSON geometry text
);

-- Demography and basic services per desa per year (from Bappeda / BPS).
create table demography (
    desa_code varchar not null, -- desa region_code
    year integer not null, -- reference year
    population_male_count integer not null, -- male residents
    population_female_count integer not null, -- female residents
    households_count integer not null, -- all households (not only the register)
    children_under5_count integer not null, -- children under five years
    elderly_count integer not null, -- residents aged 60 and over
    disability_count integer not null, -- residents with a disability
    poverty_rate_pct double not null, -- share of residents below the national poverty line, %
    extreme_poverty_rate_pct double not null, -- share of residents in extreme poverty, %
    safe_water_access_pct double not null, -- households with safe drinking water, %
    sanitation_access_pct double not null, -- households with proper sanitation, %
    electricity_access_pct double not null, -- households with electricity, %
    primary key (desa_code, year)
);

-- Points of interest that shape access: ports, markets, town centres, puskesmas, hospitals.
create table place (
    place_id varchar primary key, -- stable id, e.g. PLB-001
    place_type varchar not null check (place_type in ('pelabuhan', 'pasar', 'kota', 'puskesmas', 'rumah_sakit')), -- coded: vocabulary 'place_type'
    name varchar not null, -- name as written locally
    desa_code varchar not null, -- desa it stands in
    lon double not null, -- longitude, WGS84
    lat double not null -- latitude, WGS84
);

-- Straight-line distance from each desa centroid to the nearest place of each type.
create table desa_distance (
    desa_code varchar primary key, -- desa region_code
    port_km double not null, -- nearest pelabuhan, km
    port_id varchar not null, -- place_id of that pelabuhan
    market_km double not null, -- nearest pasar, km
    market_id varchar not null, -- place_id of that pasar
    city_km double not null, -- nearest kota (town/city centre), km
    city_id varchar not null, -- place_id of that kota
    puskesmas_km double not null, -- nearest puskesmas, km
    puskesmas_id varchar not null, -- place_id of that puskesmas
    hospital_km double not null, -- nearest rumah_sakit, km
    hospital_id varchar not null -- place_id of that rumah_sakit
);

-- Sector pangan: the promising food commodities of each desa.
create table potential_food (
    desa_code varchar not null, -- desa region_code
    commodity varchar not null, -- komoditas, e.g. rumput laut, kopi, jagung, sapi
    commodity_group varchar not null, -- perikanan, perkebunan, tanaman_pangan, hortikultura, peternakan
    production_ton double not null, -- yearly production, tonnes (livestock: tonnes live weight)
    land_ha double not null, -- land or water area used, hectares
    potential_score double not null, -- 0-100, higher means more room to grow
    primary key (desa_code, commodity)
);

-- Sector energi terbarukan: renewable sources per desa and the households still without electricity.
create table potential_energy (
    desa_code varchar not null, -- desa region_code
    energy_source varchar not null check (energy_source in ('surya', 'mikrohidro', 'biomassa', 'biogas', 'angin')), -- coded: vocabulary 'energy_source'
    potential_kw double not null, -- technical potential, kilowatts
    ease_score double not null, -- 0-100, how easy the source is to use here
    households_without_electricity_count integer not null, -- households with no electricity in the desa
    primary key (desa_code, energy_source)
);

-- Sector kesehatan: current condition and needs per desa per year.
create table health_condition (
    desa_code varchar not null, -- desa region_code
    year integer not null, -- reference year
    stunting_rate_pct double not null, -- children under five who are stunted, %
    maternal_deaths_count integer not null, -- maternal deaths in the year
    infant_deaths_count integer not null, -- infant deaths in the year
    jkn_coverage_pct double not null, -- residents covered by JKN health insurance, %
    puskesmas_km double not null, -- distance to the nearest puskesmas, km
    clean_water_access_pct double not null, -- households with clean water, %
    sanitation_access_pct double not null, -- households with proper sanitation, %
    need_score double not null, -- 0-100, higher means greater health need
    primary key (desa_code, year)
);

-- Sector UMKM: products made by residents (the extreme poor among them) and what they need.
create table umkm_product (
    desa_code varchar not null, -- desa region_code
    product varchar not null, -- product, e.g. tenun ikat, keripik pisang
    product_group varchar not null, -- kuliner, kerajinan, olahan_hasil_laut, olahan_pertanian, jasa
    producers_count integer not null, -- producers in the desa
    producers_extreme_poor_count integer not null, -- of whom from extreme-poor households
    raw_material varchar not null, -- main raw material
    raw_material_need_ton_year double not null, -- raw material needed, tonnes per year
    monthly_output_units integer not null, -- units produced per month
    marketing_potential_score double not null, -- 0-100, from nearness to market, port and city and demand
    primary key (desa_code, product)
);

-- Target households in the shape of the P3KE register (one row per family).
create table household (
    household_id varchar primary key, -- ID Keluarga P3KE
    desa_code varchar not null, -- desa region_code (Kode Kemdagri)
    kecamatan_code varchar not null, -- kecamatan region_code, kept for region-scoped queries
    kabupaten_code varchar not null, -- kabupaten region_code, kept for region-scoped queries
    lon double not null, -- approximate longitude of the dwelling, WGS84
    lat double not null, -- approximate latitude of the dwelling, WGS84
    updated_year integer not null, -- Dimuktakhirkan Tahun
    members_count integer not null, -- family members
    mothers_children_count integer not null, -- mothers of young children plus children under five
    head_name varchar not null, -- Nama Kepala Keluarga (synthetic in the demo)
    head_nik varchar not null, -- NIK Kepala Keluarga, 16 digits (synthetic in the demo)
    head_sex varchar not null, -- LAKI-LAKI or PEREMPUAN
    head_birth_on date not null, -- Tanggal Lahir Kepala Keluarga
    head_occupation varchar not null, -- Pekerjaan Kepala Keluarga (P3KE values)
    head_education varchar not null, -- Pendidikan Kepala Keluarga (P3KE values)
    welfare_decile integer not null, -- Desil Kesejahteraan 1-4 (1 = poorest)
    welfare_percentile integer not null, -- Persentil 1-40
    is_extreme_poor boolean not null, -- register flag: decile 1
    verification_status varchar not null check (verification_status in ('valid', 'tidak_valid', 'tambahan_musdes', 'belum')), -- coded: vocabulary 'verification_status'
    verification_reason varchar, -- why tidak_valid (pindah, meninggal, mampu, ganda) or how added
    verified_on date, -- date of field verification
    home_ownership varchar not null, -- Kepemilikan Rumah (P3KE values)
    roof_type varchar not null, -- Jenis Atap (P3KE values)
    wall_type varchar not null, -- Jenis Dinding (P3KE values)
    floor_type varchar not null, -- Jenis Lantai (P3KE values)
    lighting_source varchar not null, -- Sumber Penerangan (P3KE values)
    cooking_fuel varchar not null, -- Bahan Bakar Memasak (P3KE values)
    water_source varchar not null, -- Sumber Air Minum (P3KE values)
    toilet_facility varchar not null, -- Memiliki fasilitas Buang Air Besar (P3KE values)
    stunting_risk varchar not null, -- Resiko Stunting (P3KE values)
    has_disability_member boolean not null, -- a member lives with a disability
    receives_pkh boolean not null, -- Penerima PKH
    receives_bpnt boolean not null, -- Penerima BPNT / SEMBAKO
    receives_pbi_jkn boolean not null, -- JKN premium paid by the state (PBI)
    receives_blt_dd boolean not null, -- BLT Dana Desa
    receives_kur boolean not null -- Penerima KUR (people's business credit)
);

-- P3KE values an import did not recognise, as written in the file (the household row holds LAINNYA instead).
create table household_raw_value (
    household_id varchar not null, -- household_id of the family
    field varchar not null, -- household column that holds LAINNYA instead of it, e.g. roof_type
    raw_value varchar not null, -- the text as written in the imported file
    import_id varchar not null, -- import_log.import_id of the import that wrote it
    primary key (household_id, field)
);

-- Monitoring rounds: baseline, endline, room for more.
create table monitoring_round (
    round_id integer primary key, -- 1 baseline, 2 endline, ...
    round_code varchar not null unique, -- baseline, endline, midline_1 ...
    name_id varchar not null, -- name in Bahasa Indonesia
    name_en varchar not null, -- name in English
    started_on date not null, -- first day of fieldwork
    ended_on date not null, -- last day of fieldwork
    poverty_line_rp_per_capita_day double not null, -- extreme-poverty line for the round, at the prices of its fieldwork
    poverty_line_source varchar -- what the line is and where it comes from, e.g. US$1.90 PPP 2011 (BPS March 2021) x CPI
);

-- Per-household observations per monitoring round.
create table household_observation (
    household_id varchar not null, -- household.household_id
    round_id integer not null, -- monitoring_round.round_id
    observed_on date not null, -- interview date
    expenditure_rp_per_capita_day double not null, -- per-capita expenditure, Rupiah per person per day
    welfare_decile integer not null, -- decile observed in this round (1-4; 5 = above the register)
    head_employed boolean not null, -- head of household works
    employed_members_count integer not null, -- members with work
    new_jobs_count integer not null, -- members who got a job since the previous round (0 at baseline)
    trained_sector varchar check (trained_sector in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector of training/mentoring/coaching received since the previous round
    trained_people_count integer not null, -- members trained, mentored or coached since the previous round
    business_started boolean not null, -- a new economic activity started since the previous round
    health_facility_access boolean not null, -- mothers and children reach a health facility
    sanitation_access boolean not null, -- the household uses proper sanitation
    deaths_count integer not null, -- deaths in the household since the previous round
    primary key (household_id, round_id)
);

-- Partners: agencies (OPD), firms, BUMN, universities, NGOs, communities, village governments.
create table partner (
    partner_id varchar primary key, -- stable id, e.g. MTR-001
    name varchar not null, -- name
    partner_type varchar not null check (partner_type in ('opd', 'swasta', 'bumn', 'universitas', 'lsm', 'komunitas', 'pemdes')), -- coded: vocabulary 'partner_type'
    kabupaten_code varchar, -- home kabupaten (null when it works province- or nation-wide)
    hub_role varchar check (hub_role in ('bappeda', 'dinas_umkm', 'dinas_esdm', 'dinas_kesehatan', 'dinas_pertanian')), -- for agencies: coded, vocabulary 'hub_role'
    description varchar not null, -- what the partner does
    contact_email varchar not null -- office e-mail (synthetic in the demo)
);

-- What each partner can contribute, by sector and kind of contribution.
create table partner_capacity (
    partner_id varchar not null, -- partner.partner_id
    sector_code varchar not null check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code
    contribution_kind varchar not null check (contribution_kind in ('pelatihan', 'pendampingan', 'pembinaan', 'alat_hibah', 'kredit_lunak', 'akses_pasar', 'pendanaan')), -- coded: vocabulary 'contribution_kind'
    capacity_level integer not null, -- 1 small, 2 medium, 3 large
    primary key (partner_id, sector_code, contribution_kind)
);

-- Collaboration agreements (MoA, nota kerja sama).
create table moa (
    moa_id varchar primary key, -- stable id, e.g. MOA-0101
    moa_number varchar not null unique, -- number as signed
    title varchar not null, -- title
    kabupaten_code varchar not null, -- kabupaten whose government is the hub
    scope varchar not null, -- scope of work
    resources varchar not null, -- resources committed, in words
    action_plan varchar not null, -- detailed action plan, in words
    status varchar not null check (status in ('draft', 'aktif', 'diperpanjang', 'berakhir', 'dihentikan')), -- coded: vocabulary 'moa_status'
    signed_on date, -- date signed (null for a draft)
    started_on date not null, -- first day of the period
    ended_on date not null, -- last day of the period
    renewal_of_moa_id varchar, -- moa_id this agreement renews
    renewal_decision varchar check (renewal_decision in ('diperpanjang', 'dihentikan')), -- after the end: coded, vocabulary 'renewal_decision'; null while undecided
    renewal_decided_on date, -- date of that decision
    current_stage_no integer not null -- program_stage.stage_no reached
);

-- Parties to each MoA and their role.
create table moa_party (
    moa_id varchar not null, -- moa.moa_id
    partner_id varchar not null, -- partner.partner_id
    party_role varchar not null check (party_role in ('koordinator', 'pelaksana', 'pendana', 'pendamping', 'pemantau')), -- coded: vocabulary 'party_role'
    primary key (moa_id, partner_id)
);

-- Sectors covered by each MoA.
create table moa_sector (
    moa_id varchar not null, -- moa.moa_id
    sector_code varchar not null check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code
    primary key (moa_id, sector_code)
);

-- Date each MoA reached each program-flow stage.
create table moa_stage (
    moa_id varchar not null, -- moa.moa_id
    stage_no integer not null, -- program_stage.stage_no
    reached_on date not null, -- date the stage was reached
    primary key (moa_id, stage_no)
);

-- Target desa of each MoA.
create table moa_target_desa (
    moa_id varchar not null, -- moa.moa_id
    desa_code varchar not null, -- desa region_code
    primary key (moa_id, desa_code)
);

-- Target households of each MoA (set at stage 4).
create table moa_target_household (
    moa_id varchar not null, -- moa.moa_id
    household_id varchar not null, -- household.household_id
    primary key (moa_id, household_id)
);

-- Contributions each party pledged and realised under an MoA.
create table contribution (
    contribution_id varchar primary key, -- stable id
    moa_id varchar not null, -- moa.moa_id
    partner_id varchar not null, -- partner.partner_id
    contribution_kind varchar not null check (contribution_kind in ('pelatihan', 'pendampingan', 'pembinaan', 'alat_hibah', 'kredit_lunak', 'akses_pasar', 'pendanaan')), -- coded: vocabulary 'contribution_kind'
    sector_code varchar not null check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code
    unit varchar not null check (unit in ('orang', 'kelompok', 'paket', 'unit', 'kegiatan', 'rupiah')), -- unit of volume: coded, vocabulary 'contribution_unit'
    pledged_volume double not null, -- volume pledged in the MoA
    realised_volume double not null, -- volume realised so far
    pledged_value_rp bigint not null, -- value pledged, Rupiah
    realised_value_rp bigint not null -- value realised so far, Rupiah
);

-- KPI definitions (the KPIs the source document names).
create table kpi_definition (
    kpi_code varchar primary key, -- e.g. penurunan_miskin_ekstrem, pelatihan_pangan
    name_id varchar not null, -- name in Bahasa Indonesia
    name_en varchar not null, -- name in English
    unit varchar not null check (unit in ('persen', 'orang', 'kegiatan', 'jiwa')), -- coded: vocabulary 'kpi_unit'
    direction varchar not null, -- lower or higher is better
    sector_code varchar check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector for sector-specific KPIs, else null
    definition_id varchar not null -- how it is computed, in Bahasa Indonesia
);

-- KPI targets written in each MoA.
create table kpi_target (
    moa_id varchar not null, -- moa.moa_id
    kpi_code varchar not null, -- kpi_definition.kpi_code
    baseline_value double not null, -- value written in the MoA for the start
    target_value double not null, -- value to reach by the deadline
    deadline_on date not null, -- date by which the target should be reached
    primary key (moa_id, kpi_code)
);

-- Interventions given to households or desa.
create table intervention (
    intervention_id varchar primary key, -- stable id
    source varchar not null check (source in ('bansos', 'csr', 'kolaborasi', 'program_opd', 'dana_desa')), -- coded: vocabulary 'intervention_source'
    strategy varchar not null check (strategy in ('kurangi_beban', 'tingkatkan_pendapatan', 'kantong_kemiskinan')), -- Inpres 4/2022: coded, vocabulary 'strategy'
    program varchar not null, -- program name, e.g. PKH, BPNT, Pelatihan budidaya rumput laut
    sector_code varchar check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code, null for cross-sector assistance
    partner_id varchar, -- partner.partner_id that delivered it
    moa_id varchar, -- moa.moa_id when given under an MoA
    household_id varchar, -- household.household_id; null for a desa-level intervention
    desa_code varchar not null, -- desa region_code
    given_on date not null, -- date given
    amount_rp bigint not null -- value, Rupiah
);

-- Budget allocated to extreme-poverty programs, by source.
create table budget_allocation (
    budget_id varchar primary key, -- stable id
    kabupaten_code varchar not null, -- kabupaten region_code
    funding_source varchar not null check (funding_source in ('apbd', 'apbn', 'csr', 'dana_desa', 'bumn')), -- coded: vocabulary 'funding_source'
    year integer not null, -- budget year
    program varchar not null, -- program name
    sector_code varchar check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code, null for cross-sector
    partner_id varchar, -- agency or partner that spends it
    allocated_rp bigint not null, -- allocated, Rupiah
    realised_rp bigint not null -- realised (spent), Rupiah
);

-- Past programs of local agencies on extreme poverty.
create table agency_program_history (
    history_id varchar primary key, -- stable id
    partner_id varchar not null, -- the agency (partner with type opd)
    program varchar not null, -- program name
    sector_code varchar not null check (sector_code in ('pangan', 'energi', 'kesehatan', 'umkm')), -- sector.sector_code
    desa_code varchar not null, -- desa region_code
    year integer not null, -- year run
    beneficiaries_count integer not null, -- households reached
    budget_rp bigint not null, -- money spent, Rupiah
    result varchar not null check (result in ('berhasil', 'sebagian', 'tidak_berlanjut')), -- coded: vocabulary 'program_result'
    result_note varchar not null -- what came of it, in words
);

-- Every import written into this database: who, when, which file, how many rows (the demo build logs itself too).
create table import_log (
    import_id varchar primary key, -- unique id of the import, e.g. IMP-20261128T101500-3f2a9c
    kind varchar not null, -- boundaries, p3ke, p3ke_individu, survey, partner, moa, ..., demo
    file_name varchar not null, -- name of the imported file (several joined by ' + ')
    file_sha256 varchar not null, -- SHA-256 of the file bytes: the same file imported again changes nothing
    imported_by varchar not null, -- user name, or the operating-system user for the command line
    imported_at timestamp not null, -- when the import was written (UTC)
    rows_read_count integer not null, -- data rows read from the file
    rows_written_count integer not null, -- rows inserted or replaced in the database
    rows_rejected_count integer not null, -- rows left out (only with accepted warnings)
    warnings_count integer not null, -- warnings the user accepted
    backup_file varchar -- file name of the previous database version kept in data/backups/ (null for the demo)
);
