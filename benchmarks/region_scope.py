"""Benchmark region scope: cold and warm times of the household-scale queries for one kabupaten and one kecamatan.

python benchmarks/region_scope.py --db /work/scale-data/nat20m.duckdb [--kabupaten 45.11 --kecamatan 45.11.02]
    [--province 45|largest] [--warm 5] [--queries overview_households,location_indicators] [--param area_level=kecamatan]

--province adds a province (the first column of the table); "largest" picks the province of the most households.
--param binds a further parameter (repeatable), as a string.

Cold: the shared DuckDB connection is closed before the run (an empty buffer pool; the operating system's file
cache stays warm). Warm: the median of --warm runs on the open connection. Prints a Markdown table (ms): wall time,
and process CPU time (all DuckDB threads), which a busy shared machine disturbs far less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date
from pathlib import Path

QUERIES = ("overview_households", "location_indicators", "kpi_by_moa", "household_transitions_by_desa")


def largest_kabupaten(db) -> tuple[str, str]:
    """Return the kabupaten with most households and its kecamatan with most households."""
    with db.reading() as cur:
        kab = cur.execute(
            "select kabupaten_code from household group by all order by count(*) desc limit 1"
        ).fetchone()[0]
        kec = cur.execute(
            "select kecamatan_code from household where kabupaten_code = ? group by all "
            "order by count(*) desc limit 1",
            [kab],
        ).fetchone()[0]
    return kab, kec


def largest_province(db) -> str:
    """Return the province with most households."""
    with db.reading() as cur:
        return cur.execute(
            "select left(kabupaten_code, 2) from household group by all order by count(*) desc limit 1"
        ).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--kabupaten")
    parser.add_argument("--kecamatan")
    parser.add_argument("--province", help="also time this province ('largest': the one of most households)")
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--param", action="append", default=[], help="name=value, bound as a string")
    args = parser.parse_args()
    os.environ["SINERGI_DB"] = str(args.db)
    from sinergi.data import db

    with db.reading() as cur:
        as_of = date.fromisoformat(
            cur.execute("select info_value from dataset_info where info_key = 'as_of'").fetchone()[0]
        )
        households = cur.execute("select count(*) from household").fetchone()[0]
    kab, kec = (
        largest_kabupaten(db) if not (args.kabupaten and args.kecamatan) else (args.kabupaten, args.kecamatan)
    )
    regions = [kab, kec]
    if args.province:
        regions.insert(0, largest_province(db) if args.province == "largest" else args.province)
    print(
        f"{args.db.name}: {households:,} households; regions {', '.join(regions)}; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    extra = dict(p.split("=", 1) for p in args.param)
    print("| query | region | rows | cold ms | warm p50 ms | cold CPU ms | warm CPU p50 ms |")
    print("|---|---|---|---|---|---|---|")
    for name in args.queries.split(","):
        for region in regions:
            params = {"region": region, "round_id": 2, "baseline_round_id": 1, "as_of": as_of, **extra}
            db.close_connection()
            t0, c0 = time.perf_counter(), time.process_time()
            rows = len(db.run_query(name, **params))
            cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
            warm, warm_cpu = [], []
            for _ in range(args.warm):
                t0, c0 = time.perf_counter(), time.process_time()
                db.run_query(name, **params)
                warm.append(time.perf_counter() - t0)
                warm_cpu.append(time.process_time() - c0)
            cells = [
                1000 * cold,
                1000 * statistics.median(warm),
                1000 * cold_cpu,
                1000 * statistics.median(warm_cpu),
            ]
            print(
                f"| {name} | {region} | {rows} | " + " | ".join(f"{c:.0f}" for c in cells) + " |", flush=True
            )


if __name__ == "__main__":
    main()
