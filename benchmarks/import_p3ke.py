"""Benchmark: import a synthetic 1-million-row P3KE family export for Kabupaten Brebes (target < 60 s).

Needs the real Brebes boundaries in ../shared/data/real/ (imported first into a copy of the demo database).
Run: python benchmarks/import_p3ke.py [rows]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from sinergi.data import db
from sinergi.data.importers import execute, prepare
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.writer import read_current

# ../shared/data/real from the main checkout; worktrees sit one level deeper
REAL = next(
    (
        p / "shared" / "data" / "real"
        for p in db.PROJECT_ROOT.parents
        if (p / "shared" / "data" / "real").is_dir()
    ),
    db.PROJECT_ROOT.parent / "shared" / "data" / "real",
)


def main(rows: int = 1_000_000) -> None:
    """Print the seconds each step of a P3KE import takes."""
    folder = Path(tempfile.mkdtemp())
    path = folder / "sinergi.duckdb"
    shutil.copyfile(db.database_path(), path)
    files = [(p.name, p.read_bytes()) for p in sorted((REAL / "boundaries").glob("*.geojson"))]
    files.append(("kemendagri_brebes_3329.csv", (REAL / "codes" / "kemendagri_brebes_3329.csv").read_bytes()))
    execute(prepare("boundaries", files, path), user="benchmark", accept_warnings=True, path=path)
    desa = read_current("desa_for_import", path)
    codes = desa.loc[desa["kabupaten_code"] == "33.29", "desa_code"].tolist()
    data = synthetic_p3ke(codes, rows)
    print(f"file: {rows:,} rows, {len(data) / 1e6:.0f} MB")
    start, cpu = time.perf_counter(), time.process_time()
    prepared = prepare("p3ke", [("p3ke_brebes.csv", data)], path)
    validated = time.perf_counter()
    outcome = execute(prepared, user="benchmark", accept_warnings=True, path=path)
    done = time.perf_counter()
    print(
        f"read+validate {validated - start:.1f} s, write {done - validated:.1f} s, total {done - start:.1f} s "
        f"(CPU time of all threads {time.process_time() - cpu:.1f} s: a shared machine slows the wall clock)"
    )
    print(f"status {outcome.status}, errors {prepared.report.errors}, warnings {prepared.report.warnings}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
