"""The coded values of the domain, in one place: sectors, stages, statuses, kinds, roles, sources, strategies.

This module is the one source. The demo build fills the lookup tables (`vocabulary`, `sector`, `program_stage`)
from it, `queries/schema.sql` enforces each coded column with a CHECK list, and `tests/test_vocabulary.py` fails when
the two drift apart. Labels shown to users come from the catalogue (`sinergi/common/locales`), keyed by code.
"""

from __future__ import annotations

from sinergi.common.i18n import catalogue, translate

SECTORS = ("pangan", "energi", "kesehatan", "umkm")
SECTOR_NAMES = {
    "pangan": ("Pangan", "Food"),
    "energi": ("Energi terbarukan", "Renewable energy"),
    "kesehatan": ("Kesehatan", "Health"),
    "umkm": ("UMKM", "MSMEs"),
}
# The program flow (alur program), in order: stage_no is the position, 1-based.
STAGES = ("koordinasi", "kaji_data", "verifikasi", "sasaran", "moa", "penguatan", "monev")
STAGE_NAMES = {
    "koordinasi": ("Koordinasi mitra utama", "Partner coordination"),
    "kaji_data": ("Kaji data dan lokasi sasaran", "Data review and target locations"),
    "verifikasi": ("Survei dan verifikasi lapangan", "Survey and field verification"),
    "sasaran": ("Penetapan sasaran", "Targets set"),
    "moa": ("Penandatanganan MoA", "MoA signed"),
    "penguatan": ("Penguatan kapasitas", "Capacity building"),
    "monev": ("Monitoring dan evaluasi", "Monitoring and evaluation"),
}
LAST_STAGE = len(STAGES)

MOA_STATUSES = ("draft", "aktif", "diperpanjang", "berakhir", "dihentikan")
# Signed agreements: only these get progress, attainment and ranks; drafts and discontinued ones are pipeline.
SIGNED_STATUSES = ("aktif", "diperpanjang", "berakhir")
RUNNING_STATUSES = ("aktif", "diperpanjang")
OPEN_STATUSES = ("draft", "aktif", "diperpanjang")  # still being prepared or running
RENEWAL_DECISIONS = ("diperpanjang", "dihentikan")
PARTNER_TYPES = ("opd", "swasta", "bumn", "universitas", "lsm", "komunitas", "pemdes")
HUB_ROLES = ("bappeda", "dinas_umkm", "dinas_esdm", "dinas_kesehatan", "dinas_pertanian")
PARTY_ROLES = ("koordinator", "pelaksana", "pendana", "pendamping", "pemantau")
CONTRIBUTION_KINDS = (
    "pelatihan",
    "pendampingan",
    "pembinaan",
    "alat_hibah",
    "kredit_lunak",
    "akses_pasar",
    "pendanaan",
)
CONTRIBUTION_UNITS = ("orang", "kelompok", "paket", "unit", "kegiatan", "rupiah")
KPI_UNITS = ("persen", "orang", "kegiatan", "jiwa")
INTERVENTION_SOURCES = ("bansos", "csr", "kolaborasi", "program_opd", "dana_desa")
STRATEGIES = ("kurangi_beban", "tingkatkan_pendapatan", "kantong_kemiskinan")  # Inpres 4/2022
FUNDING_SOURCES = ("apbd", "apbn", "csr", "dana_desa", "bumn")
PROGRAM_RESULTS = ("berhasil", "sebagian", "tidak_berlanjut")
VERIFICATION_STATUSES = ("valid", "tidak_valid", "tambahan_musdes", "belum")
# Verified in the field: confirmed, or added by the village meeting (musdes). Decile 1 and verified = a target.
VERIFIED_STATUSES = ("valid", "tambahan_musdes")
PLACE_TYPES = ("pelabuhan", "pasar", "kota", "puskesmas", "rumah_sakit")
ENERGY_SOURCES = ("surya", "mikrohidro", "biomassa", "biogas", "angin")
REGION_LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")

VOCABULARY: dict[str, tuple[str, ...]] = {
    "sector": SECTORS,
    "program_stage": STAGES,
    "moa_status": MOA_STATUSES,
    "renewal_decision": RENEWAL_DECISIONS,
    "partner_type": PARTNER_TYPES,
    "hub_role": HUB_ROLES,
    "party_role": PARTY_ROLES,
    "contribution_kind": CONTRIBUTION_KINDS,
    "contribution_unit": CONTRIBUTION_UNITS,
    "kpi_unit": KPI_UNITS,
    "intervention_source": INTERVENTION_SOURCES,
    "strategy": STRATEGIES,
    "funding_source": FUNDING_SOURCES,
    "program_result": PROGRAM_RESULTS,
    "verification_status": VERIFICATION_STATUSES,
    "place_type": PLACE_TYPES,
    "energy_source": ENERGY_SOURCES,
    "region_level": REGION_LEVELS,
}

# Coded values shown to readers that the schema does not CHECK (free lists of the demo and the importers).
DISPLAY_ONLY: dict[str, tuple[str, ...]] = {
    "commodity_group": ("perikanan", "perkebunan", "tanaman_pangan", "hortikultura", "peternakan"),
    "product_group": ("olahan_hasil_laut", "olahan_pertanian", "kerajinan", "kuliner"),
    "landscape": ("pesisir", "dataran_rendah", "dataran_tinggi", "lahan_kering"),
}
LABELLED: dict[str, tuple[str, ...]] = {**VOCABULARY, **DISPLAY_ONLY}

# Which coded column takes which list: schema.sql carries a CHECK with exactly these values (tested).
CODED_COLUMNS: dict[tuple[str, str], str] = {
    ("region", "level"): "region_level",
    ("place", "place_type"): "place_type",
    ("potential_energy", "energy_source"): "energy_source",
    ("household", "verification_status"): "verification_status",
    ("household_observation", "trained_sector"): "sector",
    ("partner", "partner_type"): "partner_type",
    ("partner", "hub_role"): "hub_role",
    ("partner_capacity", "sector_code"): "sector",
    ("partner_capacity", "contribution_kind"): "contribution_kind",
    ("moa", "status"): "moa_status",
    ("moa", "renewal_decision"): "renewal_decision",
    ("moa_party", "party_role"): "party_role",
    ("moa_sector", "sector_code"): "sector",
    ("contribution", "sector_code"): "sector",
    ("contribution", "contribution_kind"): "contribution_kind",
    ("contribution", "unit"): "contribution_unit",
    ("kpi_definition", "sector_code"): "sector",
    ("kpi_definition", "unit"): "kpi_unit",
    ("intervention", "source"): "intervention_source",
    ("intervention", "sector_code"): "sector",
    ("intervention", "strategy"): "strategy",
    ("budget_allocation", "funding_source"): "funding_source",
    ("budget_allocation", "sector_code"): "sector",
    ("agency_program_history", "sector_code"): "sector",
    ("agency_program_history", "result"): "program_result",
}


def codes(domain: str) -> tuple[str, ...]:
    """Return the codes of a domain, in display order."""
    return VOCABULARY[domain]


def label(domain: str, code: object, lang: str = "id") -> str:
    """Return the reader's word for a code (catalogue key vocab.<domain>.<code>); an unknown code stays as it is,
    a missing one is ''."""
    if code is None or (isinstance(code, float) and code != code) or code == "":
        return ""
    key = f"vocab.{domain}.{code}"
    return translate(key, lang) if key in catalogue() else str(code)


def labels(domain: str, codes: object, lang: str = "id") -> str:
    """Return the words for comma-separated codes, joined by ', '."""
    if not isinstance(codes, str) or not codes:
        return ""
    return ", ".join(label(domain, code.strip(), lang) for code in codes.split(","))


def vocabulary_rows() -> list[tuple[str, str, int]]:
    """Return (domain, code, sort_order) for the `vocabulary` lookup table."""
    return [(domain, code, i) for domain, values in VOCABULARY.items() for i, code in enumerate(values, 1)]
