"""Time the start-up refresh of a file's summary tables (sinergi.data.importers.refresh) on a copy you may write.

python benchmarks/refresh_summaries.py --db /work/scale-data/<branch>_1m.duckdb

Prints the freshness state before and after, and the wall and CPU time of each step (copy, tables, checkpoint and
swap); the file must be one the app would refresh ('summaries': real data or a national demo whose summary tables
an older version built, or with one dropped).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sinergi.data.demo import freshness
from sinergi.data.importers import refresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    print(f"before: {freshness.check(args.db)}")
    start, cpu = time.perf_counter(), time.process_time()
    last = [start, cpu, "start"]

    def step(fraction: float, name: str) -> None:
        now, now_cpu = time.perf_counter(), time.process_time()
        print(f"  {last[2]}: {now - last[0]:.1f} s wall, {now_cpu - last[1]:.1f} s CPU", flush=True)
        last[:] = [now, now_cpu, name]

    written = refresh.refresh_summaries(args.db, step)
    step(1.0, "end")
    total = time.perf_counter() - start
    print(f"written: {written}; total {total:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    print(f"after: {freshness.check(args.db)}")


if __name__ == "__main__":
    main()
