"""Command line: build the synthetic demo database (one province by default, or the national shape)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sinergi.data import db
from sinergi.data.demo.build import DEFAULT_SEED, build_demo_database
from sinergi.data.demo.households import HOUSEHOLDS_AT_SCALE_1


def main(argv: list[str] | None = None) -> None:
    """Build the demo database (python -m sinergi.data.demo --scale 1 --seed 42 --out data/sinergi.duckdb).

    --shape national builds 38 provinces and 514 kabupaten (default 20 million households, to
    data/sinergi-national.duckdb): python -m sinergi.data.demo --shape national --households 1000000
    """
    parser = argparse.ArgumentParser(description="Bangun basis data demo Sinergi (data sintetis).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--scale", type=float, default=None, help="1 = 150.000 rumah tangga; 7 = sekitar 1 juta"
    )
    parser.add_argument(
        "--shape",
        choices=("province", "national"),
        default="province",
        help="province: satu provinsi demo (bawaan); national: 38 provinsi, 514 kabupaten/kota",
    )
    parser.add_argument(
        "--households", type=int, default=None, help="jumlah rumah tangga (menggantikan --scale)"
    )
    parser.add_argument("--out", type=Path, default=None, help=f"default: {db.database_path()}")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def say(fraction: float, message: str) -> None:
        # CPU (every thread, DuckDB's too) beside wall: on a shared machine the wall time is the queue's
        print(
            f"{fraction:4.0%} {message} ({time.perf_counter() - started:.0f} s, CPU {time.process_time():.0f} s)",
            flush=True,
        )

    if args.shape == "national":
        from sinergi.data.demo.national import NATIONAL_HOUSEHOLDS, build_national_database

        count = args.households or round((args.scale or 0) * HOUSEHOLDS_AT_SCALE_1) or NATIONAL_HOUSEHOLDS
        path = build_national_database(args.out, args.seed, count, say)
    else:
        scale = args.households / HOUSEHOLDS_AT_SCALE_1 if args.households else (args.scale or 1.0)
        path = build_demo_database(args.out, args.seed, scale, say)
    size, wall = path.stat().st_size / 1e6, time.perf_counter() - started
    print(f"{path} ({size:.1f} MB) dalam {wall:.1f} s, CPU {time.process_time():.1f} s")


if __name__ == "__main__":
    main()
