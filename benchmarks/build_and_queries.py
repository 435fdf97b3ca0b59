"""Benchmark: build the demo (and optionally a larger scale), print build time, file size and query medians.

python benchmarks/build_and_queries.py               # scale 1 (150k households)
python benchmarks/build_and_queries.py --scale 7     # about 1 million households
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sinergi.data import db
from sinergi.data.demo.build import build_demo_database

SAMPLE = {
    "region": "99.02",
    "parent_code": "99",
    "round_id": 2,
    "baseline_round_id": 1,
    "as_of": date(2026, 10, 31),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        build_demo_database(path, scale=args.scale)
        print(
            f"build scale={args.scale}: {time.perf_counter() - started:.1f} s, {path.stat().st_size / 1e6:.1f} MB"
        )
        os.environ["SINERGI_DB"] = str(path)
        for name in db.query_names():
            params = {k: v for k, v in SAMPLE.items() if k in db.sql_parameters(db.load_sql(name))}
            if db.sql_parameters(db.load_sql(name)) - params.keys():
                print(f"{name:40s} skipped (no sample parameters)")
                continue
            timings = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                db.run_query(name, **params)
                timings.append(time.perf_counter() - t0)
            print(f"{name:40s} median {1000 * statistics.median(timings):7.1f} ms")
        db.close_connection()


if __name__ == "__main__":
    main()
