"""Load test: K browser sessions (headless Chromium) against P app processes behind nginx, with a PostgreSQL store.

    python benchmarks/load.py --sessions 30 --processes 2 [--pages 5] [--fault kill|import]

Each session signs in as its own account (the five roles in turn; scoped roles in 99.02), walks its pages through
the sidebar, changes the round once and (roles not bound to a kabupaten) the kabupaten and back, and downloads one
table. Prints p50/p95 settle time per page, errors, each
app process's RSS, checks that the audit store holds every by-name view and export of every session exactly once,
and ends with `K sessions, P processes: E errors (A app, T harness time-outs), R click retries, worst p95 … ms`.
A click is made again when it shows no effect (benchmarks/load_act.py); retries are logged with their reason and
the WebSocket messages since the click, and are not errors. Bounded: each step times out, the whole run too.
Faults (`--fault kill,import` for both, spread over the run): `kill` SIGKILLs one app process (its sessions must
come back signed in through their cookie); `import` runs a P3KE import and a restore during the load (readers must
see no error).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from load_walk import PASSWORD, SCOPED, Stats, role_of, run_session, username_of  # noqa: E402


def _deploy_module():
    spec = importlib.util.spec_from_file_location("sinergi_local_deploy", ROOT / "deploy" / "local.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _rss_mb(pid: int) -> tuple[float, float]:
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):
        return 0.0, 0.0


def _fault(deployment, kind: str, db_path: Path, stats: Stats) -> None:
    if kind == "kill":
        victim = deployment.processes[0]
        os.kill(victim.pid, signal.SIGKILL)
        stats.faults.append(f"SIGKILL app process 0 (pid {victim.pid})")
    elif kind == "import":
        from sinergi.data.importers.sample import synthetic_p3ke

        sample = db_path.parent / "p3ke.csv"
        sample.write_bytes(synthetic_p3ke(["99.02.01.2001", "99.02.01.2002"], 50))
        env = {**deployment.env, "SINERGI_DB": str(db_path)}
        runs = []
        for args in (["p3ke", str(sample), "--user", "muat-uji"], ["restore", "--user", "muat-uji"]):
            done = subprocess.run([sys.executable, "-m", "sinergi.data.importers", *args], env=env, cwd=ROOT,
                                  capture_output=True, text=True)  # fmt: skip
            runs.append(f"{args[0]} exit {done.returncode}")
        stats.faults.append("import during load: " + ", ".join(runs))


BUSY_LOAD = 2.0  # the 1-minute load average above which the 2-core machine was busy before the run began


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def _sample_load(samples: list[float]) -> None:
    while True:  # the 1-minute load average every 10 s: the machine is shared, say how busy it was
        samples.append(float(Path("/proc/loadavg").read_text().split()[0]))
        await asyncio.sleep(10)


async def main_async(args) -> int:
    from playwright.async_api import async_playwright

    from sinergi.access.accounts import add_account
    from sinergi.access.store import close_stores
    from sinergi.ui.pages import PAGES

    deploy = _deploy_module()
    work = Path(args.keep or tempfile.mkdtemp(prefix="sinergi-load-"))
    work.mkdir(parents=True, exist_ok=True)
    work.chmod(0o755)  # the PostgreSQL cluster inside runs as the postgres user
    db_path = work / "sinergi.duckdb"
    shutil.copy(ROOT / "data" / "sinergi.duckdb", db_path)  # an import during the load writes this copy
    os.environ["SINERGI_DB"] = str(db_path)
    # the servers started below inherit it: a benchmark never rewrites summary tables at start (as screens.py)
    os.environ.setdefault("SINERGI_SUMMARY_REFRESH", "off")
    results: dict[str, list[float]] = defaultdict(list)
    stats = Stats(pages=args.pages, shots=work if args.keep else None)
    faults = [f for f in (args.fault or "").split(",") if f]
    load_samples: list[float] = []
    with deploy.local_deployment(args.processes, folder=work / "deploy") as deployment:
        os.environ["SINERGI_STORE_URL"] = deployment.store_url
        for index in range(args.sessions):
            role = role_of(index)
            add_account(username_of(index), role, PASSWORD, SCOPED.get(role))
        now = _load_average()
        print(f"load average before the first session (1, 5, 15 min): {now} on 2 cores"
              + (" — the machine is busy with other jobs" if float(now.split()[0]) > BUSY_LOAD else ""),
              flush=True)  # fmt: skip
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        started = time.perf_counter()
        sampler = asyncio.create_task(_sample_load(load_samples))
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox",
                                               "--disable-gpu", "--disable-background-networking"])  # fmt: skip
            tasks = []
            for index in range(args.sessions):
                tasks.append(asyncio.create_task(run_session(browser, deployment.url, index, list(PAGES), results,
                                                             stats)))  # fmt: skip
                await asyncio.sleep(args.ramp)
                for number, fault in enumerate(
                    faults, start=1
                ):  # the first a third of the way in, the next at two
                    if index == args.sessions * number // (len(faults) + 1):
                        await asyncio.to_thread(_fault, deployment, fault, db_path, stats)
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.max_minutes * 60)
            await browser.close()
        sampler.cancel()
        wall = time.perf_counter() - started
        rss = [_rss_mb(proc.pid) for proc in deployment.processes]
        audit_problems, incidents = _check_audit(stats)
        server_errors = _server_errors(work / "deploy", args.processes)
    close_stores()
    _report(args, results, stats, rss, wall, audit_problems, incidents, server_errors, load_samples)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if not stats.problems and not audit_problems and not incidents else 1


def _check_audit(stats: Stats) -> tuple[list[str], list[str]]:
    """Check the store against what the sessions did; return (problems, incidents logged during the run).

    - every download click made exactly one `export` row for its user;
    - every by-name view logged once per Streamlit session at most (a resumed session is a new one), none for a
      role without by-name access;
    - every session that was shown the by-name list (Intervensi's household list, seen by the walk) has a by-name
      view in the log. A list that is empty for the round and region is not shown, and then none is logged.
    """
    from sinergi.access import audit
    from sinergi.access.policy import BY_NAME_ROLES

    events = audit.events(limit=100_000)
    if stats.shots is not None:  # --keep: the whole log beside the screenshots, to read what happened
        events.to_csv(stats.shots / "audit.csv", index=False)
    problems = []
    exports = events[events["event"] == "export"].groupby("username").size().to_dict()
    for username, clicks in stats.clicks.items():  # each click makes one file and one audit row
        if exports.get(username) != clicks:
            problems.append(f"{username}: {exports.get(username, 0)} export rows for {clicks} clicks")
    views = events[events["event"] == "by_name_view"]
    logins = events[events["event"].isin(["login", "session_resumed"])].groupby("username").size().to_dict()
    for (username, detail), rows in views.groupby(["username", "detail"]).size().items():
        if rows > logins.get(username, 1):
            problems.append(f"{username}: by-name view {json.loads(detail)['query']} logged {rows} times")
    viewers = set(views["username"])
    for index in range(len(stats.walked)):
        if role_of(index) not in BY_NAME_ROLES and username_of(index) in viewers:
            problems.append(f"{username_of(index)}: a by-name view logged for role {role_of(index)}")
    shown = {username for username, _, _, listed in stats.lists if listed}
    for username in sorted(shown - viewers):
        problems.append(f"{username}: shown the by-name list, no by-name view in the audit log")
    not_shown = sorted({f"{u} ({kab}, {rnd})" for u, kab, rnd, listed in stats.lists if not listed})
    stats.audit_rows = {"export": int(sum(exports.values())), "by_name_view": len(views),
                        "sessions shown the by-name list": len(shown),
                        "of them with a by-name view": len(shown & viewers),
                        "Intervensi views without the list": ", ".join(not_shown) or "none"}  # fmt: skip
    incidents = [
        f"{row.username} {row.page}: {json.loads(row.detail).get('type')}: "
        + json.loads(row.detail).get("trace", "").strip().splitlines()[-1][:160]
        for row in events[events["event"] == "incident"].itertuples()
    ]
    return problems, incidents


def _server_errors(folder: Path, processes: int) -> list[str]:
    """Return the last line of each traceback in the app processes' logs (errors outside a page's script too)."""
    found = []
    for index in range(processes):
        path = folder / f"app{index}.log"
        lines = path.read_text(errors="replace").splitlines() if path.exists() else []
        in_trace = False
        for number, line in enumerate(lines):
            if line.startswith("Traceback"):
                in_trace = True
            elif in_trace and line and not line.startswith((" ", "\t", "Traceback", "During", "The above")):
                found.append(f"app{index}.log:{number + 1}: {line[:200]}")
                in_trace = False
    return found


def _report(args, results, stats, rss, wall, audit_problems, incidents, server_errors, load_samples) -> None:
    top = max(load_samples, default=0.0)
    mean = statistics.mean(load_samples) if load_samples else 0.0
    before = load_samples[0] if load_samples else 0.0
    busy = (
        f"; BUSY: load {before:.1f} before the first session, other jobs ran too"
        if before > BUSY_LOAD
        else ""
    )
    print(f"\n{args.sessions} sessions, {args.processes} processes, faults: {'; '.join(stats.faults) or 'none'} "
          f"(shared 2-core machine: 1-min load average mean {mean:.1f}, max {top:.1f}{busy}; "
          f"wall {wall:.0f} s)")  # fmt: skip
    print(f"{'page':<16}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}")
    worst = 0.0
    for key, values in sorted((key, sorted(values)) for key, values in results.items() if values):
        p50 = statistics.median(values) * 1000
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))] * 1000
        worst = max(worst, p95)
        print(f"{key:<16}{len(values):>5}{p50:>10.0f}{p95:>10.0f}")
    for index, (now, peak) in enumerate(rss):
        print(f"app process {index}: RSS {now:.0f} MB (peak {peak:.0f} MB)")
    print(f"audit: {stats.audit_rows}; problems: {audit_problems or 'none'}")
    for line in incidents[:10]:
        print("incident in the audit log:", line)
    for line in server_errors[:10]:
        print("server log:", line)
    for line in stats.retries:
        print("signed in again:", line)
    for line in stats.click_retries:
        print("click retried:", line)
    kinds: dict[str, int] = defaultdict(int)
    for problem in stats.problems:
        kinds[problem.kind] += 1
        print("error:", problem)
    timeouts = kinds.pop("timeout", 0)
    unsent = kinds.pop("unsent", 0)  # clicks the starved browser never sent: the client's, not the app's
    app = sum(kinds.values()) + len(audit_problems) + len(incidents)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"
    print(f"errors by kind: {by_kind}; audit {len(audit_problems)}; incidents {len(incidents)}; "
          f"harness step time-outs {timeouts}; unsent clicks {unsent}; server-log tracebacks {len(server_errors)}")  # fmt: skip
    print(f"{args.sessions} sessions, {args.processes} processes: {app + timeouts + unsent} errors "
          f"({app} app, {timeouts} harness time-outs, {unsent} clicks never sent), "
          f"{len(stats.click_retries)} click retries, "
          f"worst p95 {worst:.0f} ms")  # fmt: skip


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # unwind: stop nginx, the app processes, PostgreSQL
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--pages", type=int, default=5, help="pages each session walks")
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds between session starts")
    parser.add_argument("--fault", default=None, help="kill, import, or both: kill,import")
    parser.add_argument("--max-minutes", type=float, default=30)
    parser.add_argument("--keep", type=Path, help="work folder to keep (app logs, screenshots of problems)")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
