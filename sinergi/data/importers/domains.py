"""Allowed values of the coded P3KE columns (the public P3KE 2023 code lists), compared in upper case."""

P3KE_DOMAINS: dict[str, frozenset[str]] = {
    "gender": frozenset(
        {
            "LAKI-LAKI",
            "PEREMPUAN",
        }
    ),
    "job": frozenset(
        {
            "NELAYAN",
            "PEDAGANG",
            "PEGAWAI SWASTA",
            "PEJABAT NEGARA",
            "PEKERJA LEPAS",
            "PENSIUNAN",
            "PETANI",
            "PNS/TNI/POLRI",
            "TIDAK/BELUM BEKERJA",
            "WIRASWASTA",
        }
    ),
    "education": frozenset(
        {
            "MASIH PT/AKADEMI",
            "MASIH SD/SEDERAJAT",
            "MASIH SLTA/SEDERAJAT",
            "MASIH SLTP/SEDERAJAT",
            "TAMAT PT/AKADEMI",
            "TAMAT SD/SEDERAJAT",
            "TAMAT SLTA/SEDERAJAT",
            "TAMAT SLTP/SEDERAJAT",
            "TDK TAMAT SD/SEDERAJAT",
            "TIDAK/BELUM SEKOLAH",
        }
    ),
    "home_ownership": frozenset(
        {
            "BEBAS SEWA/MENUMPANG",
            "DINAS",
            "KONTRAK/SEWA",
            "LAINNYA",
            "MILIK SENDIRI",
        }
    ),
    "home_roof": frozenset(
        {
            "ASBES/SENG",
            "BAMBU",
            "BETON",
            "GENTENG",
            "JERAMI/IJUK/RUMBIA/ DAUN-DAUNAN",
            "KAYU/SIRAP",
            "LAINNYA",
        }
    ),
    "home_wall": frozenset(
        {
            "BAMBU",
            "KAYU/PAPAN",
            "LAINNYA",
            "SENG",
            "TEMBOK",
        }
    ),
    "home_floor": frozenset(
        {
            "BAMBU",
            "KAYU/PAPAN",
            "KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO",
            "LAINNYA",
            "SEMEN",
            "TANAH",
        }
    ),
    "home_electricity": frozenset(
        {
            "BUKAN LISTRIK",
            "LISTRIK NON-PLN",
            "LISTRIK PLN METERAN",
            "LISTRIK PLN NON METERAN",
        }
    ),
    "home_cooking": frozenset(
        {
            "ARANG/KAYU",
            "LAINNYA",
            "LISTRIK/GAS",
            "MINYAK TANAH",
        }
    ),
    "home_water": frozenset(
        {
            "AIR HUJAN",
            "AIR KEMASAN/ISI ULANG",
            "AIR PERMUKAAN (SUNGAI, DANAU, DLL)",
            "LAINNYA",
            "LEDENG/PAM",
            "SUMUR BOR",
            "SUMUR TERLINDUNG",
            "SUMUR TIDAK TERLINDUNG",
        }
    ),
    "home_toilet_ownership": frozenset(
        {
            "KOSONG",
            "LAINNYA",
            "MILIK SENDIRI",
            "UMUM/BERSAMA",
        }
    ),
    "stunting_risk": frozenset(
        {
            "BERESIKO STUNTING",
            "BUKAN TARGET SASARAN",
            "TIDAK BERESIKO STUNTING",
        }
    ),
    "age_group": frozenset(
        {
            "USIA 13-15 TAHUN",
            "USIA 16-18 TAHUN",
            "USIA 19 - 59 TAHUN",
            "USIA 6-12 TAHUN",
            "USIA 60+ TAHUN",
            "USIA < 5 TAHUN",
        }
    ),
    "relationship": frozenset(
        {
            "ANAK",
            "ISTRI/SUAMI",
            "KEPALA KELUARGA",
            "LAINNYA",
        }
    ),
}
