"""Build (or rebuild) the summary tables onto an existing database file, in one transaction, and time each table.

python benchmarks/build_summaries.py --db /work/scale-data/nat20m_v2.duckdb [--tables summary_desa_did,...]

For a national file built before the summary tables existed (the same base schema): the demo build and every import
build them themselves (sinergi.data.summary.build_summaries).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from sinergi.data import summary, summary_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument(
        "--tables", help="only these summary tables (comma-separated; default: all, in order)"
    )
    args = parser.parse_args()
    con = duckdb.connect(str(args.db))
    try:
        con.execute("begin transaction")
        total = time.perf_counter()
        tables = args.tables.split(",") if args.tables else summary.SUMMARY_TABLES
        summary.prepare_scope(con, summary.EVERYTHING)
        for table in tables:
            t0, c0 = time.perf_counter(), time.process_time()
            summary.rebuild_table(con, table)
            rows = con.table(table).count("*").fetchone()[0]
            print(
                f"{table}: {rows:,} rows, {time.perf_counter() - t0:.1f} s wall, {time.process_time() - c0:.1f} s CPU"
            )
        if not args.tables:  # every table is current: stamp the file (sinergi.data.summary_version)
            summary_version.store_fingerprint(con)
        con.execute("commit")
        con.execute("checkpoint")
        print(f"total {time.perf_counter() - total:.1f} s")
    finally:
        con.close()


if __name__ == "__main__":
    main()
