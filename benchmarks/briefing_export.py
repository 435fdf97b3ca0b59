"""Benchmark: time to make the briefing PDF and PPTX for a region and round, cold (kaleido starting) and warm.

python benchmarks/briefing_export.py [--region 99.05] [--round 2] [--lang id] [--out /tmp]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sinergi.briefing.files import briefing_files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="99.05")
    parser.add_argument("--round", type=int, default=2)
    parser.add_argument("--lang", default="id")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    for label in ("cold (starts kaleido)", "warm"):
        start = time.perf_counter()
        pdf, pptx = briefing_files(args.region, args.round, args.lang)
        print(
            f"{label}: {time.perf_counter() - start:.2f} s (pdf {len(pdf) // 1024} KB, pptx {len(pptx) // 1024} KB)"
        )
    if args.out:
        (args.out / f"briefing_{args.region}.pdf").write_bytes(pdf)
        (args.out / f"briefing_{args.region}.pptx").write_bytes(pptx)


if __name__ == "__main__":
    main()
