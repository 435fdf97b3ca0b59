"""Synthetic P3KE family exports (for tests, the benchmark and a sample download): never real people."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.p3ke import ALIASES, CODED

TITLE_ROWS = 11  # official exports: a title block, then the header on row 12 and data from row 13


def synthetic_p3ke(
    desa_codes: list[str], rows: int, seed: int = 7, sep: str = ";", title: bool = True
) -> bytes:
    """Return a P3KE family export as CSV bytes for the given dotted desa codes (10-digit codes in the file)."""
    rng = np.random.default_rng(seed)
    desa = np.array(desa_codes)[rng.integers(0, len(desa_codes), rows)]
    nodot = np.char.replace(desa.astype(str), ".", "")
    serial = np.arange(1, rows + 1)
    decile = rng.integers(1, 5, rows)
    sex = rng.integers(0, 2, rows)
    day = rng.integers(1, 29, rows) + 40 * sex
    month = rng.integers(1, 13, rows)
    year = rng.integers(1950, 2000, rows)
    frame = pd.DataFrame(
        {
            ALIASES["household_id"][0]: np.char.add(
                "P3KE", np.char.add(nodot, np.char.zfill(serial.astype(str), 8))
            ),
            ALIASES["updated_year"][0]: 2023,
            "Provinsi": "JAWA TENGAH",
            "Kabupaten/Kota": "BREBES",
            ALIASES["kode"][0]: nodot,
            ALIASES["welfare_decile"][0]: decile,
            ALIASES["welfare_percentile"][0]: (decile - 1) * 10 + rng.integers(1, 11, rows),
            ALIASES["head_nik"][0]: pd.Series(nodot).str[:6]
            + pd.Series(day).astype(str).str.zfill(2)
            + pd.Series(month).astype(str).str.zfill(2)
            + pd.Series(year % 100).astype(str).str.zfill(2)
            + pd.Series(serial % 9999 + 1).astype(str).str.zfill(4),
            ALIASES["head_name"][0]: np.char.add("WARGA SINTETIS ", serial.astype(str)),
            ALIASES["head_sex"][0]: np.where(sex == 1, "Perempuan", "Laki-laki"),
            ALIASES["head_birth_on"][0]: pd.Series(day - 40 * sex).astype(str).str.zfill(2)
            + "-"
            + pd.Series(month).astype(str).str.zfill(2)
            + "-"
            + pd.Series(year).astype(str),
        }
    )
    for field, domain in CODED.items():
        if field == "head_sex":
            continue
        values = sorted(P3KE_DOMAINS[domain])
        # exports mix UPPER and Title Case
        picked = np.array(values)[rng.integers(0, len(values), rows)]
        frame[ALIASES[field][0]] = np.where(rng.random(rows) < 0.3, np.char.title(picked), picked)
    for field in ("receives_pkh", "receives_bpnt", "receives_sembako", "receives_kur"):
        frame[ALIASES[field][0]] = np.where(rng.random(rows) < 0.3, "Ya", "Tidak")
    body = frame.to_csv(index=False, sep=sep)
    head = "".join(
        f"LAPORAN P3KE (DATA SINTETIS){sep}\n" if i == 0 else f"{sep}\n" for i in range(TITLE_ROWS)
    )
    text: str = (head if title else "") + body
    return text.encode("utf-8")
