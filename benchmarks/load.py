"""Load test: K browser sessions (headless Chromium) against P app processes behind nginx, with a PostgreSQL store.

    python benchmarks/load.py --sessions 30 --processes 2 [--pages 5] [--fault kill|import]

Each session signs in as its own account (the five roles in turn; scoped roles in 99.02), walks its pages through
the sidebar, changes the round once, and downloads one table. Prints p50/p95 settle time per page, errors, each
app process's RSS, checks that the audit store holds every by-name view and export of every session exactly once,
and ends with `K sessions, P processes: E errors, worst p95 … ms`. Bounded: each step times out, the whole run too.
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
PASSWORD = "muat-uji-rahasia-1"
ROLES = ("admin", "perencana", "pimpinan", "monev", "tamu")
STEP_TIMEOUT_S = 240  # per step: the Chromium clients share the 2 cores with the servers
# The walk: pages a user of each role opens first (each role keeps the ones it may use), with by-name lists early.
WALK = ("beranda", "peta", "intervensi", "monev", "moa", "potensi", "briefing", "sasaran_lokasi", "anggaran")


def _deploy_module():
    spec = importlib.util.spec_from_file_location("sinergi_local_deploy", ROOT / "deploy" / "local.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


async def _settle(page, timeout_s: float = STEP_TIMEOUT_S) -> float:
    """Wait until the app is drawn and no script runs for 0.5 s; return the seconds it took (to the last run's end)."""
    start = time.perf_counter()
    await page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_s * 1000)
    quiet_since = None
    while time.perf_counter() - start < timeout_s:
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return quiet_since - start
        await asyncio.sleep(0.25)  # 30 pages polling in one event loop: keep the client's own CPU small
    raise TimeoutError("page did not settle")


async def _problems(page) -> str | None:
    if await page.locator('[data-testid="stException"]').count():
        return "exception"
    text = await page.locator('[data-testid="stMain"]').inner_text()
    return "incident" if "kode insiden" in text else None


async def run_session(browser, url: str, index: int, pages: list, results: dict, stats: dict) -> None:
    from sinergi.common.i18n import translate

    role = ROLES[index % len(ROLES)]
    username = f"muat{index:02d}"
    context = await browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_S * 1000)
    context.set_default_navigation_timeout(STEP_TIMEOUT_S * 1000)
    page = await context.new_page()
    try:
        await page.goto(url + "/?wilayah=99.02", wait_until="commit")
        await _settle(page)
        await page.locator('input[type="text"]').first.fill(username)
        await page.locator('input[type="password"]').fill(PASSWORD)
        start = time.perf_counter()
        await page.locator('[data-testid="stFormSubmitButton"] button').click()
        await asyncio.sleep(0.3)
        await _settle(page)
        deadline = time.perf_counter() + STEP_TIMEOUT_S
        while await page.locator('input[type="password"]').count() and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)  # bcrypt at cost 12, then the first page run
        if await page.locator('input[type="password"]').count():
            raise RuntimeError("sign-in failed")
        await _settle(page)
        results["sign-in"].append(time.perf_counter() - start)
        by_key = {spec.key: spec for spec in pages}
        mine = [by_key[key] for key in WALK if role in by_key[key].roles][: stats["pages"]]
        for step, spec in enumerate(mine):
            link = page.locator(
                '[data-testid="stSidebarNav"] a', has_text=translate(f"{spec.key}.title", "id")
            )
            start = time.perf_counter()
            await link.first.click(timeout=STEP_TIMEOUT_S * 1000)
            await asyncio.sleep(0.2)
            await _settle(page)
            results[spec.key].append(time.perf_counter() - start)
            problem = await _problems(page)
            if problem or await page.locator('input[type="password"]').count():
                stats["errors"].append(f"{username} {spec.key}: {problem or 'signed out'}")
            if step == 1:  # change the round, as a user does
                box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').last
                await box.click()
                await page.keyboard.press("ArrowUp")
                await page.keyboard.press("Enter")
                start = time.perf_counter()
                await asyncio.sleep(0.2)
                await _settle(page)
                results["round change"].append(time.perf_counter() - start)
            buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
            if not stats["downloaded"].get(username) and await buttons.count():
                stats["clicks"][username] = stats["clicks"].get(username, 0) + 1
                async with page.expect_download(timeout=STEP_TIMEOUT_S * 1000) as caught:
                    await buttons.first.click()
                download = await caught.value
                if await download.failure():
                    stats["errors"].append(f"{username} download: {await download.failure()}")
                else:
                    stats["downloaded"][username] = 1
    except Exception as error:
        stats["errors"].append(f"{username}: {type(error).__name__}: {str(error)[:120]}")
    finally:
        await context.close()


def _rss_mb(pid: int) -> tuple[float, float]:
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):
        return 0.0, 0.0


def _fault(deployment, kind: str, db_path: Path, stats: dict) -> None:
    if kind == "kill":
        victim = deployment.processes[0]
        os.kill(victim.pid, signal.SIGKILL)
        stats["faults"].append(f"SIGKILL app process 0 (pid {victim.pid})")
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
        stats["faults"].append("import during load: " + ", ".join(runs))


async def main_async(args) -> int:
    from playwright.async_api import async_playwright

    from sinergi.access.accounts import add_account
    from sinergi.access.store import close_stores
    from sinergi.ui.pages import PAGES

    deploy = _deploy_module()
    work = Path(tempfile.mkdtemp(prefix="sinergi-load-"))
    work.chmod(0o755)  # the PostgreSQL cluster inside runs as the postgres user
    db_path = work / "sinergi.duckdb"
    shutil.copy(ROOT / "data" / "sinergi.duckdb", db_path)  # an import during the load writes this copy
    os.environ["SINERGI_DB"] = str(db_path)
    results: dict[str, list[float]] = defaultdict(list)
    stats = {"errors": [], "downloaded": {}, "clicks": {}, "pages": args.pages, "fault": "none", "faults": []}
    faults = [f for f in (args.fault or "").split(",") if f]
    with deploy.local_deployment(args.processes, folder=work / "deploy") as deployment:
        os.environ["SINERGI_STORE_URL"] = deployment.store_url
        for index in range(args.sessions):
            role = ROLES[index % len(ROLES)]
            add_account(
                f"muat{index:02d}", role, PASSWORD, "99.02" if role in ("perencana", "pimpinan") else None
            )
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        started = time.perf_counter()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox",
                                               "--disable-gpu", "--disable-background-networking"])  # fmt: skip
            tasks = []
            for index in range(args.sessions):
                tasks.append(
                    asyncio.create_task(
                        run_session(browser, deployment.url, index, list(PAGES), results, stats)
                    )
                )
                await asyncio.sleep(args.ramp)
                for number, fault in enumerate(
                    faults, start=1
                ):  # the first a third of the way in, the next at two
                    if index == args.sessions * number // (len(faults) + 1):
                        await asyncio.to_thread(_fault, deployment, fault, db_path, stats)
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.max_minutes * 60)
            await browser.close()
        wall = time.perf_counter() - started
        rss = [_rss_mb(proc.pid) for proc in deployment.processes]
        audit_problems = _check_audit(stats)
    close_stores()
    _report(args, results, stats, rss, wall, audit_problems)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if not stats["errors"] and not audit_problems else 1


def _check_audit(stats: dict) -> list[str]:
    """Every export of every session once; by-name views never twice for one session, query and parameters."""
    from sinergi.access import audit

    events = audit.events(limit=100_000)
    problems = []
    exports = events[events["event"] == "export"].groupby("username").size().to_dict()
    for username, clicks in stats["clicks"].items():  # each click makes one file and one audit row
        if exports.get(username) != clicks:
            problems.append(f"{username}: {exports.get(username, 0)} export rows for {clicks} clicks")
    views = events[events["event"] == "by_name_view"]
    logins = events[events["event"].isin(["login", "session_resumed"])].groupby("username").size().to_dict()
    for (username, detail), rows in views.groupby(["username", "detail"]).size().items():
        if rows > logins.get(username, 1):  # once per Streamlit session (a resumed session is a new one)
            problems.append(f"{username}: by-name view {json.loads(detail)['query']} logged {rows} times")
    stats["audit_rows"] = {"export": int(sum(exports.values())), "by_name_view": len(views)}
    return problems


def _report(args, results, stats, rss, wall, audit_problems) -> None:
    print(f"\n{args.sessions} sessions, {args.processes} processes, faults: {'; '.join(stats['faults']) or 'none'} "
          f"(shared 2-core machine; wall {wall:.0f} s)")  # fmt: skip
    print(f"{'page':<16}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}")
    worst = 0.0
    for key, values in sorted(results.items()):
        values = sorted(values)
        p50 = statistics.median(values) * 1000
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))] * 1000
        worst = max(worst, p95)
        print(f"{key:<16}{len(values):>5}{p50:>10.0f}{p95:>10.0f}")
    for index, (now, peak) in enumerate(rss):
        print(f"app process {index}: RSS {now:.0f} MB (peak {peak:.0f} MB)")
    print(f"audit: {stats.get('audit_rows')}; problems: {audit_problems or 'none'}")
    for error in stats["errors"][:20]:
        print("error:", error)
    print(
        f"{args.sessions} sessions, {args.processes} processes: {len(stats['errors'])} errors, worst p95 {worst:.0f} ms"
    )


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
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
