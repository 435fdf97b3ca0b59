"""Command line: build the synthetic demo database."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sinergi.data import db
from sinergi.data.demo.build import DEFAULT_SEED, build_demo_database


def main(argv: list[str] | None = None) -> None:
    """Build the demo database (python -m sinergi.data.demo --scale 1 --seed 42 --out data/sinergi.duckdb)."""
    parser = argparse.ArgumentParser(description="Bangun basis data demo Sinergi (data sintetis).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1 = 150.000 rumah tangga; 7 = sekitar 1 juta"
    )
    parser.add_argument("--out", type=Path, default=None, help=f"default: {db.database_path()}")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build_demo_database(
        args.out, args.seed, args.scale, lambda f, m: print(f"{f:4.0%} {m}", flush=True)
    )
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB) dalam {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
