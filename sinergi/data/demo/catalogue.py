"""Fixed vocabularies of the demo: agencies, partners, themes, contribution kinds and KPI definitions."""

from __future__ import annotations

import pandas as pd

from sinergi.common.vocabulary import SECTORS

HUB_AGENCIES = {
    "bappeda": ("Bappeda", SECTORS, ("pendanaan", "pembinaan")),
    "dinas_umkm": ("Dinas Koperasi dan UMKM", ("umkm",), ("pelatihan", "pembinaan", "akses_pasar")),
    "dinas_esdm": ("Dinas Energi dan Sumber Daya Mineral", ("energi",), ("alat_hibah", "pelatihan")),
    "dinas_kesehatan": ("Dinas Kesehatan", ("kesehatan",), ("pendampingan", "pelatihan", "alat_hibah")),
    "dinas_pertanian": (
        "Dinas Pertanian dan Peternakan",
        ("pangan",),
        ("pelatihan", "pendampingan", "alat_hibah"),
    ),
}
# name, type, sectors, kinds
EXTERNAL_PARTNERS = [
    (
        "PT Samudra Rumput Laut Nusantara",
        "swasta",
        ("pangan", "umkm"),
        ("pelatihan", "akses_pasar", "alat_hibah"),
    ),
    ("PT Kopi Gunung Sejahtera", "swasta", ("pangan", "umkm"), ("akses_pasar", "pendampingan")),
    ("PT Surya Terang Desa", "swasta", ("energi",), ("alat_hibah", "pelatihan")),
    ("CV Tenun Lestari Mandiri", "swasta", ("umkm",), ("akses_pasar", "pelatihan")),
    ("PT Ternak Sabana Makmur", "swasta", ("pangan",), ("alat_hibah", "pendampingan", "akses_pasar")),
    ("PT Niaga Pasar Digital", "swasta", ("umkm",), ("akses_pasar", "pelatihan")),
    ("PT Semen Timur Raya", "swasta", ("kesehatan", "energi"), ("pendanaan", "alat_hibah")),
    ("PT Energi Listrik Nusa (Persero)", "bumn", ("energi",), ("alat_hibah", "pendanaan", "pelatihan")),
    (
        "PT Bank Rakyat Nusa (Persero)",
        "bumn",
        ("umkm", "pangan"),
        ("kredit_lunak", "pelatihan", "pendampingan"),
    ),
    ("PT Pupuk Nusa Sejahtera (Persero)", "bumn", ("pangan",), ("alat_hibah", "pendampingan")),
    ("PT Pelabuhan Nusa (Persero)", "bumn", ("umkm", "kesehatan"), ("pendanaan", "akses_pasar")),
    (
        "Universitas Nusa Sinergi",
        "universitas",
        ("pangan", "kesehatan", "umkm", "energi"),
        ("pendampingan", "pelatihan"),
    ),
    ("Politeknik Pertanian Sabana", "universitas", ("pangan", "energi"), ("pelatihan", "pendampingan")),
    ("Universitas Katolik Watu Molo", "universitas", ("kesehatan", "umkm"), ("pendampingan", "pembinaan")),
    ("Yayasan Ibu dan Anak Sehat", "lsm", ("kesehatan",), ("pendampingan", "pelatihan")),
    ("Perkumpulan Energi Desa Mandiri", "lsm", ("energi",), ("pendampingan", "pelatihan")),
    ("Yayasan Pangan Lokal Lestari", "lsm", ("pangan",), ("pendampingan", "pembinaan")),
    ("Perkumpulan Perempuan Penenun Timur", "lsm", ("umkm",), ("pembinaan", "akses_pasar")),
    ("Yayasan Air Bersih Nusa", "lsm", ("kesehatan",), ("alat_hibah", "pendampingan")),
]
SECTOR_THEMES = {
    "pangan": ["Budidaya rumput laut", "Penguatan kelompok tani jagung", "Penggemukan sapi", "Kopi rakyat"],
    "energi": ["PLTS komunal", "Mikrohidro desa", "Biogas rumah tangga", "Lampu tenaga surya"],
    "kesehatan": ["Percepatan penurunan stunting", "Sanitasi dan air bersih", "Kesehatan ibu dan anak"],
    "umkm": [
        "Tenun ikat naik kelas",
        "Olahan hasil laut",
        "Pemasaran digital produk desa",
        "Koperasi perempuan",
    ],
}
UNIT_OF_KIND = {
    "pelatihan": "orang",
    "pendampingan": "orang",
    "pembinaan": "kelompok",
    "alat_hibah": "paket",
    "kredit_lunak": "rupiah",
    "akses_pasar": "kegiatan",
    "pendanaan": "rupiah",
}
KPI_DEFINITIONS = pd.DataFrame(
    [
        (
            "penurunan_miskin_ekstrem",
            "Persentase sasaran yang miskin ekstrem",
            "Share of targets in extreme poverty",
            "persen",
            "lower",
            None,
            "Rumah tangga sasaran dengan pengeluaran per kapita per hari di bawah garis kemiskinan ekstrem putaran itu, "
            "dibagi seluruh rumah tangga sasaran yang diamati, x 100.",
        ),
        (
            "lapangan_kerja",
            "Lapangan kerja tercipta",
            "Jobs created",
            "orang",
            "higher",
            None,
            "Jumlah anggota rumah tangga sasaran yang mendapat pekerjaan sejak putaran sebelumnya.",
        ),
        (
            "kegiatan_ekonomi",
            "Kegiatan ekonomi baru",
            "New economic activities",
            "kegiatan",
            "higher",
            None,
            "Jumlah rumah tangga sasaran yang memulai usaha baru sejak putaran sebelumnya.",
        ),
        (
            "akses_kesehatan_sanitasi",
            "Ibu dan anak dengan akses kesehatan dan sanitasi",
            "Mothers and children with health and sanitation access",
            "jiwa",
            "higher",
            "kesehatan",
            "Jumlah ibu dan anak balita di rumah tangga sasaran yang menjangkau fasilitas kesehatan dan memakai "
            "sanitasi layak.",
        ),
        (
            "kematian",
            "Kematian warga miskin ekstrem",
            "Deaths among the extreme poor",
            "jiwa",
            "lower",
            None,
            "Jumlah kematian di rumah tangga sasaran sejak putaran sebelumnya.",
        ),
    ]
    + [
        (
            f"pelatihan_{s}",
            f"Warga dilatih/didampingi/dibina ({name})",
            f"Residents trained/mentored ({name_en})",
            "orang",
            "higher",
            s,
            f"Jumlah anggota rumah tangga sasaran yang dilatih, didampingi atau dibina di bidang {name.lower()} "
            "sejak putaran sebelumnya.",
        )
        for s, name, name_en in [
            ("pangan", "Pangan", "food"),
            ("energi", "Energi terbarukan", "renewable energy"),
            ("kesehatan", "Kesehatan", "health"),
            ("umkm", "UMKM", "MSMEs"),
        ]
    ],
    columns=["kpi_code", "name_id", "name_en", "unit", "direction", "sector_code", "definition_id"],
)
