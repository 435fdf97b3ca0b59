"""Fictional names for the synthetic demo: regions, places, people. None refers to a real place or person."""

from __future__ import annotations

import numpy as np

PROVINCE_CODE = "99"  # not used by Kemendagri, so demo codes never collide with a real region
PROVINCE_NAME = "Nusa Sinergi"

KABUPATEN_NAMES = [
    "Tanjung Lestari",
    "Watu Molo",
    "Lembah Harapan",
    "Sabana Timur",
    "Oe Mutiara",
    "Pulau Rinding",
]

_PREFIX_COASTAL = ["Tanjung", "Pantai", "Teluk", "Labuan", "Pasir", "Muara", "Karang", "Nusa"]
_PREFIX_UPLAND = ["Gunung", "Bukit", "Wai", "Lembah", "Kali", "Watu", "Sumber", "Air"]
_PREFIX_DRY = ["Oe", "Padang", "Sabana", "Lapang", "Batu", "Tana", "Koli", "Nai"]
_PREFIX_LOW = ["Sido", "Karya", "Tunas", "Suka", "Mekar", "Waru", "Kampung", "Desa"]
_SUFFIX = [
    "Jaya",
    "Makmur",
    "Indah",
    "Baru",
    "Lestari",
    "Raya",
    "Asri",
    "Permai",
    "Sari",
    "Mulya",
    "Harapan",
    "Sejahtera",
    "Damai",
    "Kencana",
    "Mekar",
    "Bahari",
    "Utama",
    "Timur",
    "Barat",
    "Tengah",
    "Hijau",
    "Merah",
    "Putih",
    "Lama",
    "Selatan",
    "Utara",
    "Rejo",
    "Agung",
    "Bening",
    "Tinggi",
    "Teduh",
    "Rindang",
]
_KECAMATAN_WORDS = [
    "Amarasi",
    "Bolo",
    "Detu",
    "Fatu",
    "Golo",
    "Hilir",
    "Ile",
    "Kote",
    "Lamba",
    "Mata",
    "Naru",
    "Ona",
    "Pota",
    "Rana",
    "Sano",
    "Tilo",
    "Ulu",
    "Wera",
    "Lewa",
    "Kambe",
    "Mbay",
    "Rote",
    "Sikka",
    "Tana",
    "Lolo",
    "Nangga",
    "Riung",
    "Sawu",
    "Langa",
    "Wolo",
    "Boru",
    "Kelu",
    "Moni",
    "Paga",
    "Dawan",
    "Nela",
]

FIRST_NAMES_MALE = [
    "Agus",
    "Budi",
    "Yohanes",
    "Petrus",
    "Markus",
    "Simon",
    "Andreas",
    "Yosef",
    "Paulus",
    "Ahmad",
    "Rahmat",
    "Hendrik",
    "Fransiskus",
    "Stefanus",
    "Daniel",
    "Yakobus",
    "Made",
    "Wayan",
    "Kornelis",
    "Mikael",
    "Lukas",
    "Abdul",
    "Samuel",
    "Herman",
    "Arnoldus",
    "Thomas",
    "Dominikus",
    "Ismail",
    "Yusuf",
    "Benediktus",
]
FIRST_NAMES_FEMALE = [
    "Maria",
    "Yuliana",
    "Agustina",
    "Fransiska",
    "Theresia",
    "Siti",
    "Nur",
    "Elisabet",
    "Margareta",
    "Anna",
    "Veronika",
    "Katarina",
    "Sri",
    "Dewi",
    "Rosalia",
    "Martha",
    "Yosefina",
    "Marselina",
    "Aminah",
    "Ketut",
    "Lusia",
    "Magdalena",
    "Paulina",
    "Regina",
    "Sofia",
    "Helena",
    "Wilhelmina",
    "Fatimah",
    "Kristina",
    "Ester",
]
FAMILY_NAMES = [
    "Lado",
    "Bria",
    "Seran",
    "Nenobais",
    "Tefa",
    "Lake",
    "Kolo",
    "Bani",
    "Tualaka",
    "Manu",
    "Sabu",
    "Wadu",
    "Ndolu",
    "Hege",
    "Riwu",
    "Lona",
    "Dimu",
    "Kana",
    "Beda",
    "Lewar",
    "Goa",
    "Wutun",
    "Ruma",
    "Daga",
    "Mbete",
    "Pote",
    "Nuba",
    "Leba",
    "Kobe",
    "Sanam",
    "Taek",
    "Haki",
    "Neno",
    "Tamo",
    "Luan",
    "Mola",
]


def kecamatan_names(rng: np.random.Generator, count: int) -> list[str]:
    """Return count distinct kecamatan names."""
    suffixes = ["", " Timur", " Barat", " Utara", " Selatan", " Tengah", " Raya"]
    pool = [w + s for s in suffixes for w in _KECAMATAN_WORDS]
    picks = rng.choice(len(pool), size=count, replace=False)
    return [pool[i] for i in picks]


def desa_name(rng: np.random.Generator, landscape: str, taken: set[str]) -> str:
    """Return a desa name fitting its landscape, unique within `taken`."""
    prefixes = {
        "pesisir": _PREFIX_COASTAL,
        "dataran_tinggi": _PREFIX_UPLAND,
        "lahan_kering": _PREFIX_DRY,
    }.get(landscape, _PREFIX_LOW)
    for _ in range(50):
        name = f"{prefixes[rng.integers(len(prefixes))]} {_SUFFIX[rng.integers(len(_SUFFIX))]}"
        if name not in taken:
            taken.add(name)
            return name
    name = f"{prefixes[0]} {_SUFFIX[0]} {len(taken)}"
    taken.add(name)
    return name


def person_names(rng: np.random.Generator, is_female: np.ndarray) -> np.ndarray:
    """Return one synthetic full name per row, vectorised."""
    n = len(is_female)
    male = np.array(FIRST_NAMES_MALE, dtype=object)[rng.integers(len(FIRST_NAMES_MALE), size=n)]
    female = np.array(FIRST_NAMES_FEMALE, dtype=object)[rng.integers(len(FIRST_NAMES_FEMALE), size=n)]
    family = np.array(FAMILY_NAMES, dtype=object)[rng.integers(len(FAMILY_NAMES), size=n)]
    first = np.where(is_female, female, male)
    return first + " " + family
