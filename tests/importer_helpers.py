"""Shared pieces of the importer tests: the real-data folder, database copies and hashes."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sinergi.data import db

# ../shared/data/real from the main checkout; worktrees sit one level deeper
REAL = next(
    (
        p / "shared" / "data" / "real"
        for p in db.PROJECT_ROOT.parents
        if (p / "shared" / "data" / "real").is_dir()
    ),
    db.PROJECT_ROOT.parent / "shared" / "data" / "real",
)
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real test data not found at {REAL}")


def sha(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_demo(tmp_path: Path) -> Path:
    """Return a fresh copy of the demo database in tmp_path."""
    target = tmp_path / "sinergi.duckdb"
    shutil.copyfile(db.database_path(), target)
    return target


def brebes_files() -> list[tuple[str, bytes]]:
    """Return the real Brebes boundary files (three levels) and the Kemendagri codes CSV."""
    paths = [
        *sorted((REAL / "boundaries").glob("brebes_*.geojson")),
        REAL / "codes" / "kemendagri_brebes_3329.csv",
    ]
    return [(p.name, p.read_bytes()) for p in paths]


# Spelling variants seen in real exports (issue 13) and the canonical P3KE value each maps to.
VARIANTS = {
    "Pekerjaan Kepala Keluarga": {"BURUH": "PEKERJA LEPAS"},
    "Pendidikan Kepala Keluarga": {
        "SD/SEDERAJAT": "TAMAT SD/SEDERAJAT",
        "SMP/SEDERAJAT": "TAMAT SLTP/SEDERAJAT",
    },
    "Jenis Lantai": {"KERAMIK": "KERAMIK/GRANIT/MARMER/UBIN/TEGEL/TERASO"},
    "Sumber Air Minum": {
        "LEDENG": "LEDENG/PAM",
        "MATA AIR": "LAINNYA",
        "SUMUR TAK TERLINDUNG": "SUMUR TIDAK TERLINDUNG",
    },
}
CODED_COLUMNS = [
    "Jenis Kelamin Kepala Keluarga", "Pekerjaan Kepala Keluarga", "Pendidikan Kepala Keluarga", "Kepemilikan Rumah",
    "Jenis Atap", "Jenis Dinding", "Jenis Lantai", "Sumber Penerangan", "Bahan Bakar Memasak", "Sumber Air Minum",
    "Memiliki fasilitas Buang Air Besar", "Resiko Stunting", "Penerima PKH", "Penerima BPNT", "Penerima SEMBAKO",
    "Penerima KUR",
]  # fmt: skip


def p3ke_as_circulated(
    desa_codes: list[str], rows: int, style: str, seed: int = 3
) -> tuple[bytes, pd.DataFrame]:
    """Return a P3KE family export as dinas offices pass them around, and its table: spelling variants of coded
    values in about 30 % of rows and 10 % blank Sumber Penerangan; style 'upper' (';', UPPER CASE, title block) or
    'title' (',', Title Case, BOM, CRLF, dotted Kemendagri codes)."""
    from sinergi.data.importers.sample import synthetic_p3ke

    data = synthetic_p3ke(desa_codes, rows, seed=seed, title=False)
    frame = pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    for column, variants in VARIANTS.items():
        pick = rng.random(len(frame)) < 0.3
        frame.loc[pick, column] = rng.choice(list(variants), int(pick.sum()))
    frame.loc[rng.random(len(frame)) < 0.1, "Sumber Penerangan"] = ""
    if style == "upper":
        frame[CODED_COLUMNS] = frame[CODED_COLUMNS].apply(lambda c: c.str.upper())
        title = "DATA P3KE KABUPATEN (SINTETIS);\n;\n"
        return (title + frame.to_csv(sep=";", index=False)).encode("utf-8"), frame
    frame[CODED_COLUMNS] = frame[CODED_COLUMNS].apply(lambda c: c.str.title())
    frame["Kode Kemdagri"] = frame["Kode Kemdagri"].str.replace(
        r"(\d\d)(\d\d)(\d\d)(\d{4})", r"\1.\2.\3.\4", regex=True
    )
    return b"\xef\xbb\xbf" + frame.to_csv(sep=",", index=False, lineterminator="\r\n").encode("utf-8"), frame
