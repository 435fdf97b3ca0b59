"""Shared pieces of the importer tests: the real-data folder, database copies and hashes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

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
