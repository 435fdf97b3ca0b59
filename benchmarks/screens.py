"""Benchmark every screen: page x region level (nation, province, kabupaten, kecamatan) x role, cold and warm.

python benchmarks/screens.py --db /work/scale-data/nat1m.duckdb [--cold 3 --warm 5] [--roles admin,monev]
    [--pages beranda,peta] [--levels province,kabupaten] [--no-pandas] [--no-start]

Each timed run is one AppTest run of the page signed in as the role (the page's whole server work: queries, access
rules, builders, Streamlit elements) with st.cache_data cleared; the scripts are compiled once, as the served app
does (compile_once). Cold: the DuckDB connection is closed first, so the database starts with an empty buffer pool
(the operating system's file cache stays warm). Warm: the connection stays open. Per page it records p50/p95, the slowest query, the map payload (pydeck JSON) and the process RSS; then a naive
pandas peer (benchmarks/pandas_peer.py) answers the same calls of the page's household-scale queries (same
parameters, same rules, the whole answer compared: `same answer`) from whole tables read from Parquet, timed with
loading (vs the app's cold time in those queries) and alone (vs the app's warm time in those queries). The last line:
worst warm p95 ms=...; worst cold p95 ms=...; pandas ratio min=...
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("nation", "province", "kabupaten", "kecamatan")
NATION_PAGES = {"rapor"}  # pages with a whole-country view
SCORECARD_LEVELS = {"nation", "province"}


@dataclass
class Row:
    role: str
    page: str
    level: str
    region: str
    cold: list[float] = field(default_factory=list)  # wall seconds of each run
    warm: list[float] = field(default_factory=list)
    cpu_cold: list[float] = field(default_factory=list)  # process CPU seconds of each run (all threads)
    cpu_warm: list[float] = field(default_factory=list)
    queries_cold: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    queries_warm: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    qcpu_cold: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    qcpu_warm: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    calls: list[tuple[str, dict]] = field(default_factory=list)
    payload_mb: float = 0.0
    rss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)
    pandas_load_ms: float | None = None
    pandas_compute_ms: float | None = None
    ratio_cold: float | None = None  # pandas load+compute / app cold, wall time
    ratio_warm: float | None = None  # pandas compute / app warm, wall time
    cpu_ratio_cold: float | None = None  # the same on CPU time (robust on a busy machine)
    cpu_ratio_warm: float | None = None
    agrees: bool | None = None


def pct(values: list[float], q: float) -> float:
    """Return the q-quantile (0-1) of values in ms, nearest rank."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def rss_mb() -> float:
    """Return the resident set size of this process now, MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class QueryTimer:
    """Wrap sinergi.data.db.run_query: record each call's name, parameters, wall and CPU seconds."""

    def __init__(self, db) -> None:
        self.calls: list[tuple[str, dict, float, float]] = []
        inner = db.run_query

        def timed(name, **params):
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return inner(name, **params)
            finally:
                self.calls.append((name, params, time.perf_counter() - t0, time.process_time() - c0))

        db.run_query = timed


def pick_regions(db) -> dict[str, str]:
    """Return a region per level: the province with most kabupaten, its kabupaten with most kecamatan, that
    kabupaten's kecamatan with most desa (the worst case of each level)."""
    kab = db.run_query("region_selector_kabupaten")
    province = kab.groupby("province_code").size().idxmax()

    def largest(parents: list[str]) -> str:
        sizes = {p: len(db.run_query("regions_under", parent_code=p)) for p in parents}
        return max(sizes, key=sizes.get)

    kabupaten = largest(kab.loc[kab["province_code"] == province, "region_code"].dropna().tolist())
    kecamatan = largest(db.run_query("regions_under", parent_code=kabupaten)["region_code"].tolist())
    return {"nation": "", "province": province, "kabupaten": kabupaten, "kecamatan": kecamatan}


def compile_once() -> None:
    """Share one script cache between AppTest's runs, as the served app does.

    AppTest makes a new ScriptCache for every run, so each timed run read, rewrote (Streamlit's magic) and compiled
    app.py and the page again: 50-75 ms of every run at any scale. The served app keeps one cache per process
    (streamlit.runtime.Runtime) and compiles each page once, so that time is the harness's, not the server's.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def new_app(role: str, region: str, province: str):
    """Return a signed-in AppTest of app.py on region, run once (untimed)."""
    from streamlit.testing.v1 import AppTest

    from sinergi.access.login import NAME_KEY, SEEN_KEY, VIEWER_KEY
    from sinergi.access.policy import make_viewer

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1800)
    at.session_state[VIEWER_KEY] = make_viewer(f"bench-{role}", role, None)
    at.session_state[NAME_KEY] = f"Bench {role}"
    at.session_state[SEEN_KEY] = time.time()
    at.query_params["wilayah"] = region or province
    at.run()
    return at


def timed_run(at, timer: QueryTimer, row: Row, cold: bool) -> None:
    """Run the current page once with caches cleared (and the database closed when cold); record it."""
    import streamlit as st

    from sinergi.access.login import SEEN_KEY
    from sinergi.data import db

    st.cache_data.clear()
    if cold:
        db.close_connection()
    at.session_state[SEEN_KEY] = time.time()  # no idle expiry between long runs
    timer.calls.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    at.run()
    elapsed = time.perf_counter() - t0
    (row.cold if cold else row.warm).append(elapsed)
    (row.cpu_cold if cold else row.cpu_warm).append(time.process_time() - c0)
    per_query = row.queries_cold if cold else row.queries_warm
    per_query_cpu = row.qcpu_cold if cold else row.qcpu_warm
    for name, _, seconds, cpu in timer.calls:
        per_query[name].append(seconds)
        per_query_cpu[name].append(cpu)
    row.calls = [(name, params) for name, params, _, _ in timer.calls]
    row.errors = [str(e.value)[:120] for e in at.exception]
    decks = at.get("deck_gl_json_chart")
    row.payload_mb = max(row.payload_mb, sum(len(d.proto.json) for d in decks) / 1e6)
    row.rss_mb = max(row.rss_mb, rss_mb())


def run_pages(args, regions: dict[str, str], timer: QueryTimer) -> list[Row]:
    from sinergi.ui.pages import PAGES

    rows = []
    for role in args.roles:
        for level in args.levels:
            region = regions[level]
            at = None
            for spec in PAGES:
                if role not in spec.roles or (args.pages and spec.key not in args.pages):
                    continue
                if spec.key == "rapor" and level not in SCORECARD_LEVELS:
                    continue
                if level == "nation" and spec.key not in NATION_PAGES:
                    continue
                at = at or new_app(role, region, regions["province"])
                at.switch_page(spec.file)
                if spec.key == "rapor":  # the scorecard's own province filter: "" is the whole country
                    at.run()
                    at.selectbox(key="rapor_province").set_value(region)
                row = Row(role, spec.key, level, region or "ID")
                for _ in range(args.cold):
                    timed_run(at, timer, row, cold=True)
                for _ in range(args.warm):
                    timed_run(at, timer, row, cold=False)
                rows.append(row)
                print(summary_line(row), flush=True)
    return rows


def slowest(queries: dict[str, list[float]]) -> str:
    if not queries:
        return "-"
    name = max(queries, key=lambda n: pct(queries[n], 0.95))
    return f"{name} {pct(queries[name], 0.95):.0f}"


def summary_line(r: Row) -> str:
    ratio = ""
    errors = f" | ERROR {r.errors[0]}" if r.errors else ""
    return (
        f"| {r.page} | {r.level} | {r.role} | {pct(r.cold, 0.5):.0f} | {pct(r.cold, 0.95):.0f} | "
        f"{pct(r.warm, 0.5):.0f} | {pct(r.warm, 0.95):.0f} | {slowest(r.queries_cold)} | {slowest(r.queries_warm)} | "
        f"{pct(r.cpu_cold, 0.95):.0f} | {pct(r.cpu_warm, 0.95):.0f} | {r.payload_mb:.2f} | {r.rss_mb:.0f} |"
        f"{ratio}{errors}"
    )


def wait_quiet(threshold: float, limit_s: float = 600.0) -> None:
    """Wait until the machine is quiet: on 2 shared cores a run started just after a test suite reads ±50 ms."""
    if threshold <= 0:
        return
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(10)
    print(f"waited for load < {threshold}: now {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--roles", default="admin,monev")
    parser.add_argument("--pages", default="")
    parser.add_argument("--levels", default=",".join(LEVELS))
    parser.add_argument("--no-pandas", action="store_true")
    parser.add_argument("--no-start", action="store_true")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="wait (up to 10 min) until the 1-minute load average is below LOAD before measuring",
    )
    args = parser.parse_args()
    args.roles = args.roles.split(",")
    args.pages = [p for p in args.pages.split(",") if p]
    args.levels = args.levels.split(",")
    os.environ["SINERGI_DB"] = str(args.db.resolve())
    # a shared scale file is never rewritten by a benchmark (sinergi.ui.summary_refresh): stale summaries only warn
    os.environ.setdefault("SINERGI_SUMMARY_REFRESH", "off")
    os.environ.setdefault("SINERGI_AUDIT_DB", str(Path(tempfile.mkdtemp()) / "audit.sqlite3"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from bench_report import pandas_ratios, print_report, startup_seconds
    from streamlit import logger as streamlit_logger

    from sinergi.data import db

    streamlit_logger.set_log_level("error")  # AppTest's bare-mode warnings would drown the table
    compile_once()
    wait_quiet(args.wait_quiet)
    timer = QueryTimer(db)
    regions = pick_regions(db)
    print(
        f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB); regions {regions}; load {os.getloadavg()}"
    )
    start = None if args.no_start else startup_seconds(args.db)
    rows = run_pages(args, regions, timer)
    if not args.no_pandas:
        pandas_ratios(rows, args.db, db)
    print_report(rows, start)
    print(f"load at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
