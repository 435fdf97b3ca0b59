"""Helpers of benchmarks/screens.py: app start time, the pandas peer's ratios, the printed tables."""

from __future__ import annotations

import gc
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas_peer

ROOT = Path(__file__).resolve().parent.parent
LONG_COMPUTE_S = 10.0  # a peer compute this long is timed once: its noise is small beside it
PEER_FRAMES_GB = 0.0  # the largest set of whole tables the peer held at once
DIFFERENCES: list[str] = []  # the first difference of each peer answer that is not the app's
HEADER = (
    "| page | level | role | cold p50 ms | cold p95 ms | warm p50 ms | warm p95 ms | slowest query cold (p95 ms) "
    "| slowest query warm (p95 ms) | cold CPU p95 ms | warm CPU p95 ms | map MB | RSS MB |"
)


def startup_seconds(db_path: Path) -> float:
    """Return the seconds from `streamlit run app.py` to a healthy server on this database."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # a shared scale file is never rewritten by a benchmark (sinergi.ui.summary_refresh): stale summaries only warn
    env = {**os.environ, "SINERGI_DB": str(db_path)}
    env.setdefault("SINERGI_SUMMARY_REFRESH", "off")
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true"]
    cmd += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t0 < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - t0
            except OSError:
                time.sleep(0.05)
        return float("nan")
    finally:
        proc.terminate()
        proc.wait(10)


def _peer_answers(frames: dict, calls: list[tuple[str, dict]]) -> list:
    return [pandas_peer.PEERS[n](frames, **p) for n, p in calls]


def pandas_ratios(rows: list, db_path: Path, db) -> None:
    """Time the pandas peer on each page's household-scale queries and set each row's ratios and agreement.

    Per page and level (and set of calls: a role whose page makes other calls gets its own), the peer loads the whole
    tables its peers need (timed: load, _load) and answers every call the page made in its last run, 3 times
    (median: compute; once when that takes over LONG_COMPUTE_S, as at 20 M households).
    Cold ratio = (load + compute) / the app's time of the same queries per cold run; warm = compute / the app's time
    of the same queries per warm run; each answer is compared whole with the app's (pandas_peer.agrees)."""
    folder = db_path.with_name(f"{db_path.name}.parquet")
    with db.reading() as con:  # the app's read-only connection (sinergi.data.db has no module-level one)
        pandas_peer.export_parquet(con, folder)
    done: dict[tuple[str, str, str], tuple[float, float, float, float, bool]] = {}
    tables: dict[str, tuple] = {}  # table -> (frame, wall s, CPU s of its load)
    for row in rows:
        calls = [(n, p) for n, p in row.calls if n in pandas_peer.PEERS]
        if not calls:
            continue
        key = (row.page, row.level, repr(calls))
        if key not in done:
            frames, load_s, load_cpu = _load(folder, sorted({n for n, _ in calls}), tables)
            walls, cpus = [], []
            while len(walls) < 3 and sum(walls) < LONG_COMPUTE_S:
                t0, c0 = time.perf_counter(), time.process_time()
                answers = _peer_answers(frames, calls)
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            agree = True
            for (n, p), answer in zip(calls, answers, strict=True):
                differ = pandas_peer.differences(answer, db.run_query(n, **p))
                if differ:
                    agree = False
                    DIFFERENCES.append(f"{row.page} {row.level} {n} {p.get('region')}: {differ[0]}")
            done[key] = (load_s, statistics.median(walls), load_cpu, statistics.median(cpus), agree)
            del frames, answers
        load_s, compute_s, load_cpu, compute_cpu, agree = done[key]
        names = {n for n, _ in calls}

        def per_run(queries: dict, runs: int, names: set = names) -> float:
            """The app's seconds per run in the queries the peer answers (every call of them in a run)."""
            return sum(sum(queries[n]) for n in names) / max(runs, 1)

        row.pandas_load_ms, row.pandas_compute_ms = 1000 * load_s, 1000 * compute_s
        row.ratio_cold = _ratio(load_s + compute_s, per_run(row.queries_cold, len(row.cold)))
        row.ratio_warm = _ratio(compute_s, per_run(row.queries_warm, len(row.warm)))
        row.cpu_ratio_cold = _ratio(load_cpu + compute_cpu, per_run(row.qcpu_cold, len(row.cold)))
        row.cpu_ratio_warm = _ratio(compute_cpu, per_run(row.qcpu_warm, len(row.warm)))
        row.agrees = agree
    tables.clear()
    gc.collect()


def _load(folder: Path, queries: list[str], tables: dict) -> tuple[dict, float, float]:
    """Return the whole tables these queries' peers need and the wall and CPU seconds of loading them. Each table is
    read once per run and its load time counted in every page that needs it: the same time as reading them again for
    each page (the operating system's file cache is warm after the first page either way), without 26 reloads of the
    whole country at 20 M households."""
    global PEER_FRAMES_GB
    for table in pandas_peer.tables_for(queries):
        if table not in tables:
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            frame = pandas_peer.load_table(folder, table)
            tables[table] = (frame, time.perf_counter() - t0, time.process_time() - c0)
    needed = {t: tables[t] for t in pandas_peer.tables_for(queries)}
    held = sum(f.memory_usage(deep=True).sum() for f, _, _ in tables.values()) / 1e9
    PEER_FRAMES_GB = max(PEER_FRAMES_GB, held)
    frames = {t: f for t, (f, _, _) in needed.items()}
    return frames, sum(w for _, w, _ in needed.values()), sum(c for _, _, c in needed.values())


def _ratio(peer: float, app: float) -> float | None:
    return peer / app if app > 0 else None


def print_report(rows: list, start: float | None) -> None:
    """Print the page table, the pandas table and the summary lines (wall time, then CPU time)."""
    from screens import pct, summary_line

    print("\n" + HEADER + "\n" + "|---" * 13 + "|")
    for r in rows:
        print(summary_line(r).split(" | pandas")[0])
    print(
        "\n| page | level | role | pandas load+compute ms | pandas compute ms | ratio cold | ratio warm "
        "| CPU ratio cold | CPU ratio warm | same answer |"
    )
    print("|---" * 10 + "|")
    for r in rows:
        if r.pandas_compute_ms is not None:
            print(
                f"| {r.page} | {r.level} | {r.role} | {r.pandas_load_ms + r.pandas_compute_ms:.0f} | "
                f"{r.pandas_compute_ms:.0f} | {_fmt(r.ratio_cold)} | {_fmt(r.ratio_warm)} | "
                f"{_fmt(r.cpu_ratio_cold)} | {_fmt(r.cpu_ratio_warm)} | {r.agrees} |"
            )
    for line in DIFFERENCES:
        print("DIFFERS", line)
    errors = [(r.page, r.level, r.role, r.errors[0]) for r in rows if r.errors]
    for e in errors:
        print("ERROR", *e)
    ratios = [x for r in rows for x in (r.ratio_cold, r.ratio_warm) if x is not None]
    cpu_ratios = [x for r in rows for x in (r.cpu_ratio_cold, r.cpu_ratio_warm) if x is not None]
    print(
        f"\nmax map payload MB={max((r.payload_mb for r in rows), default=0):.2f}; "
        f"max RSS MB={max((r.rss_mb for r in rows), default=0):.0f}; "
        f"app start s={start if start is not None else float('nan'):.2f}; pages with errors={len(errors)}; "
        f"answers differ={sum(r.agrees is False for r in rows)}"
    )
    print(
        f"pandas peer: max whole tables held GB={PEER_FRAMES_GB:.2f}; process peak RSS MB={_peak_rss_mb():.0f}"
    )
    print(
        f"CPU time: worst warm p95 ms={max(pct(r.cpu_warm, 0.95) for r in rows):.0f}; "
        f"worst cold p95 ms={max(pct(r.cpu_cold, 0.95) for r in rows):.0f}; "
        f"pandas ratio min={min(cpu_ratios) if cpu_ratios else float('nan'):.1f}"
    )
    print(
        f"worst warm p95 ms={max(pct(r.warm, 0.95) for r in rows):.0f}; "
        f"worst cold p95 ms={max(pct(r.cold, 0.95) for r in rows):.0f}; "
        f"pandas ratio min={min(ratios) if ratios else float('nan'):.1f}"
    )


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"
