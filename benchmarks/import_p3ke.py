"""Benchmark: import a synthetic P3KE family export and time each step, the summary rebuild on its own.

python benchmarks/import_p3ke.py [rows]
    1 million rows (default) for Kabupaten Brebes into a copy of the demo database (target < 60 s). Needs the real
    Brebes boundaries in ../shared/data/real/ (imported first).
python benchmarks/import_p3ke.py [rows] --db FILE [--kabupaten CODE] [--full]
    into a copy of FILE (e.g. a national build with its summary tables): a re-import of one kabupaten (default: the
    one with most households), whose first rows replace that many of its families. --full rebuilds every summary
    row instead of the import's scope (what every import did before the scoped rebuild), for comparison.

The copy is made in a temporary folder (with the import's working copy and backup) and deleted at the end.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from sinergi.data import db, summary
from sinergi.data.importers import execute, prepare, versions, writer
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
BIGGEST_KABUPATEN = "select kabupaten_code from household group by 1 order by count(*) desc limit 1"
FAMILIES_OF = "select household_id from household where kabupaten_code = ? order by household_id limit ?"


def _brebes_file(path: Path, rows: int) -> bytes:
    files = [(p.name, p.read_bytes()) for p in sorted((REAL / "boundaries").glob("*.geojson"))]
    files.append(("kemendagri_brebes_3329.csv", (REAL / "codes" / "kemendagri_brebes_3329.csv").read_bytes()))
    execute(prepare("boundaries", files, path), user="benchmark", accept_warnings=True, path=path)
    desa = read_current("desa_for_import", path)
    return synthetic_p3ke(desa.loc[desa["kabupaten_code"] == "33.29", "desa_code"].tolist(), rows)


def _kabupaten_file(path: Path, rows: int, kabupaten: str | None) -> bytes:
    with duckdb.connect(str(path), read_only=True) as con:
        kabupaten = kabupaten or con.execute(BIGGEST_KABUPATEN).fetchone()[0]
        families = [r[0] for r in con.execute(FAMILIES_OF, [kabupaten, rows]).fetchall()]
    desa = read_current("desa_for_import", path)
    codes = desa.loc[desa["kabupaten_code"] == kabupaten, "desa_code"].tolist()
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(codes, rows, sep=",", title=False)), dtype=str)
    frame.loc[: len(families) - 1, "ID Keluarga P3KE"] = families
    print(f"kabupaten {kabupaten}: {len(codes)} desa, {len(families):,} of its families replaced")
    return frame.to_csv(index=False).encode()


def main() -> None:
    """Print the seconds each step of a P3KE import takes, and the summary rebuild's share."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000)
    parser.add_argument(
        "--db", type=Path, help="import into a copy of this file (default: the demo database)"
    )
    parser.add_argument("--kabupaten", help="with --db: the kabupaten re-imported")
    parser.add_argument(
        "--full", action="store_true", help="rebuild every summary row, not the import's scope"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ[versions.WORK_ENV] = str(folder)
    path = folder / "sinergi.duckdb"
    shutil.copyfile(args.db or db.database_path(), path)
    data = _kabupaten_file(path, args.rows, args.kabupaten) if args.db else _brebes_file(path, args.rows)
    stage: dict[str, float] = {}
    tables: dict[str, float] = {}  # CPU seconds per summary table

    def timed_rebuild(con: duckdb.DuckDBPyConnection, kind: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        scope = summary.EVERYTHING if args.full else summary.recorded_scope(con)
        summary.prepare_scope(con, scope)
        for table in summary.SUMMARY_TABLES if not scope.is_empty else ():
            t0 = time.process_time()
            summary.rebuild_table(con, table, scope)
            tables[table] = time.process_time() - t0
        stage.update(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu)
        stage["kabupaten"] = -1 if scope.kabupaten_codes is None else len(scope.kabupaten_codes)
        stage["moas"] = len(scope.moa_ids)

    writer.POST_WRITE_HOOKS[:] = [timed_rebuild]
    print(f"file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB")
    start, cpu = time.perf_counter(), time.process_time()
    prepared = prepare("p3ke", [("p3ke.csv", data)], path)
    validated = time.perf_counter()
    outcome = execute(prepared, user="benchmark", accept_warnings=True, path=path)
    done = time.perf_counter()
    print(
        f"read+validate {validated - start:.1f} s, write {done - validated:.1f} s, total {done - start:.1f} s "
        f"(CPU time of all threads {time.process_time() - cpu:.1f} s: a shared machine slows the wall clock)"
    )
    scope = "every row" if stage.get("kabupaten") == -1 else f"{stage.get('kabupaten', 0):.0f} kabupaten"
    print(
        f"summary rebuild ({scope}, {stage.get('moas', 0):.0f} MoAs by id): {stage.get('wall', 0):.1f} s wall, "
        f"{stage.get('cpu', 0):.1f} s CPU, inside the write"
    )
    slowest = sorted(tables.items(), key=lambda item: -item[1])[:5]
    print("slowest tables (CPU s): " + ", ".join(f"{t} {s:.2f}" for t, s in slowest))
    print(f"status {outcome.status}, errors {prepared.report.errors}, warnings {prepared.report.warnings}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
