"""One load-test session in headless Chromium: sign in, walk the role's pages, change the round and (roles not bound
to one kabupaten) the kabupaten and back, download once.

Used by benchmarks/load.py. Every problem is recorded with a kind, so a report can tell the harness's own waits on
a busy machine from what the app did wrong:
- `timeout`: a step did not settle within the step limit while the app was still running the script (or the
  browser was still loading): the machine was too busy for the harness's patience, not an app error by itself;
- `disconnected`: the page lost its WebSocket (Streamlit's "connecting" state) and did not come back;
- `exception` / `incident`: the page showed a Streamlit exception or Sinergi's incident message (app errors);
- `signed out` / `sign-in`: the session lost its sign-in, or the sign-in form refused the right password;
- `download`: a download click gave no file (a refused or failed /media/ request);
- `harness`: the walk could not find what it looked for (a link, a widget) on a settled page.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

PASSWORD = "muat-uji-rahasia-1"
ROLES = ("admin", "perencana", "pimpinan", "monev", "tamu")
SCOPED = {"perencana": "99.02", "pimpinan": "99.02"}  # roles bound to one kabupaten: their accounts' scope
HOME, OTHER = "Watu Molo", "Tanjung Lestari"  # kabupaten 99.02 (where a walk starts) and 99.01
ROUND = "Baseline 2025"  # the round a walk changes to (from the latest, Endline 2026)
STEP_TIMEOUT_S = 240.0  # per step: the Chromium clients share the 2 cores with the servers
# The walk: pages a user of each role opens first (each role keeps the ones it may use), with by-name lists early.
WALK = ("beranda", "peta", "intervensi", "monev", "moa", "potensi", "briefing", "sasaran_lokasi", "anggaran")
SINCE_GRACE_S = 30.0  # an action with no run of its own passes for settled after this long idle
CHOOSE_TRIES = 4  # opening a sidebar select and clicking an option
RELOAD_WAIT_S = 90.0  # a browser asks again for its cookie for about a minute (sinergi.access.login)
DOWNLOAD_TIMEOUT_S = 120.0  # a click on a settled page: the file is made and fetched, nothing else runs
APP_KINDS = ("exception", "incident", "signed out", "sign-in", "download", "disconnected")


class StepTimeout(Exception):
    """A step did not settle in time; `state` says what the page was doing then."""

    def __init__(self, state: str) -> None:
        super().__init__(f"did not settle ({state})")
        self.state = state


@dataclass
class Problem:
    kind: str
    username: str
    step: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.username} {self.step}: {self.message}"


@dataclass
class Stats:
    pages: int
    problems: list[Problem] = field(default_factory=list)
    clicks: dict[str, int] = field(default_factory=dict)  # download clicks per username
    walked: dict[str, list[str]] = field(default_factory=dict)  # pages each session settled on
    faults: list[str] = field(default_factory=list)
    retries: list[str] = field(default_factory=list)  # sign-ins made again after a fault (not errors)
    # by-name roles on Intervensi: (username, kabupaten, round, list of households shown) per settled view
    lists: list[tuple[str, str, str, bool]] = field(default_factory=list)
    shots: Path | None = None  # folder for screenshots of problems
    audit_rows: dict[str, object] = field(default_factory=dict)


def _slug(username: str, step: str) -> str:
    return f"{username}-{re.sub(r'[^a-z0-9]+', '_', step)}"


def username_of(index: int) -> str:
    return f"muat{index:02d}"


def role_of(index: int) -> str:
    return ROLES[index % len(ROLES)]


async def _state(page) -> str:
    widget = page.locator('[data-testid="stStatusWidget"]')
    if await widget.count():
        text = " ".join((await widget.first.inner_text()).lower().split())
        return "connecting" if "connect" in text else f"running ({text[:40] or 'script'})"
    if not await page.locator('[data-testid="stAppViewContainer"]').count():
        return "loading the app"
    return "idle"


# Counts the changes of the app's script state in the page (`data-test-script-state` of stApp), with an id per page
# load: an action's settle waits for a change after the action, as Streamlit says "running" only once the server
# took the request (seconds on a busy machine) and shows its status widget half a second after that. (A run already
# going when the action came, which takes the action's request in, counts by its end.)
_WATCH_RUNS = """
window.__sinergiLoad = Math.random();
window.__sinergiRuns = 0;
new MutationObserver((records) => { window.__sinergiRuns += records.length; })
  .observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
"""


async def mark(page) -> tuple[float, int]:
    """Return (page load id, script state changes so far): what settle(since=…) compares with."""
    try:
        return tuple(await page.evaluate("[window.__sinergiLoad || 0, window.__sinergiRuns || 0]"))
    except Exception:  # the page is between two loads
        return (0.0, 0)


async def settle(page, timeout_s: float = STEP_TIMEOUT_S, since: tuple[float, int] | None = None) -> float:
    """Wait until the app is drawn and its script stopped for 0.5 s (after a change of its state since `since`, a
    mark taken before the action, when given); return the seconds it took (to the last run's end)."""
    start = time.perf_counter()
    quiet_since = None
    app = page.locator('[data-testid="stApp"]')
    while time.perf_counter() - start < timeout_s:
        if since is not None:
            load, runs = await mark(page)
            since = None if (load and load != since[0]) or runs > since[1] else since
        state = await app.first.get_attribute("data-test-script-state") if await app.count() else None
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        if since is not None and time.perf_counter() - start > SINCE_GRACE_S and not running:
            since = None  # no run came for the action (it needed none, or one was going and took it in)
        if since is not None or running or state != "notRunning":
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return quiet_since - start
        await asyncio.sleep(0.25)  # 30 pages polling in one event loop: keep the client's own CPU small
    raise StepTimeout(await _state(page))


async def _page_problem(page) -> tuple[str, str] | None:
    if await page.locator('[data-testid="stException"]').count():
        text = await page.locator('[data-testid="stException"]').first.inner_text()
        return "exception", text.strip().splitlines()[0][:160] if text.strip() else "stException"
    main = await page.locator('[data-testid="stMain"]').inner_text()
    if "kode insiden" in main:
        line = next((ln for ln in main.splitlines() if "kode insiden" in ln), "")
        return "incident", line[:160]
    if await page.locator('input[type="password"]').count():
        return "signed out", "the sign-in form is back"
    return None


async def _signed_in_again(page, username: str, step: str, stats: Stats) -> tuple[str, str] | None:
    """After a process died: wait for the page to sign itself in again from its cookie; the problem if it does not.

    The sign-in form drawn by the surviving process reloads the page once the cookie claim it had sent to the dead
    process succeeds through the proxy (sinergi.access.login): a user sees the form for a moment and types nothing.
    """
    start = time.perf_counter()
    while time.perf_counter() - start < RELOAD_WAIT_S:
        await asyncio.sleep(1.0)
        if not await page.locator('input[type="password"]').count():
            await settle(page)
            stats.retries.append(f"{username} {step}: the sign-in form went by itself after "
                                 f"{time.perf_counter() - start:.0f} s (cookie claimed again, page reloaded)")  # fmt: skip
            return await _page_problem(page)
    return "signed out", f"the sign-in form is back (and stayed {RELOAD_WAIT_S:.0f} s)"


async def _shot(page, stats: Stats, name: str) -> None:
    if stats.shots is None:
        return
    with contextlib.suppress(Exception):  # the page is gone: nothing to show
        await page.screenshot(path=str(stats.shots / f"{name}.png"), timeout=20_000)


async def _sign_in(page, url: str, username: str, stats: Stats) -> float:
    await page.goto(url + "/?wilayah=99.02", wait_until="commit", timeout=STEP_TIMEOUT_S * 1000)
    for attempt in range(3):  # a user whose app process died while signing in types the password again
        await settle(page)
        await page.locator('input[type="text"]').first.fill(username)
        await page.locator('input[type="password"]').fill(PASSWORD)
        start, before = time.perf_counter(), await mark(page)
        await page.locator('[data-testid="stFormSubmitButton"] button').click()
        deadline = start + STEP_TIMEOUT_S
        while time.perf_counter() < deadline:
            await settle(page, max(1.0, deadline - time.perf_counter()), before)
            before = None
            if not await page.locator('input[type="password"]').count():
                return time.perf_counter() - start
            alert = page.locator('[data-testid="stAlert"]')
            if await alert.count():
                break  # refused: the form stays
            await asyncio.sleep(0.5)
        if not stats.faults:  # without a fault a refusal of the right password is an app error
            if not await page.locator('[data-testid="stAlert"]').count():
                raise StepTimeout(await _state(page))
            text = await page.locator('[data-testid="stAlert"]').first.inner_text()
            raise RuntimeError("sign-in: " + text.strip()[:160])
        stats.retries.append(
            f"{username} sign-in again after: {'; '.join(stats.faults)} (attempt {attempt + 2})"
        )
    raise RuntimeError("sign-in: refused three times")


async def _open(page, title: str) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    # the links are drawn at the end of the sidebar: after a sign-in the page may settle a moment before them
    link = page.locator(".st-key-sinergi_nav").get_by_role("link", name=title, exact=True).first
    await link.wait_for(state="visible", timeout=STEP_TIMEOUT_S * 1000)
    target = urljoin(page.url, await link.get_attribute("href") or "")
    here = urlparse(page.url).path.rstrip("/") == urlparse(target).path.rstrip("/")
    before = None if here else await mark(page)  # the page on screen (Beranda after sign-in): no run comes
    try:
        await link.click(timeout=60_000)
    except (
        PlaywrightTimeout
    ):  # seen 3 times in 30 at load 60, on an idle page after a select: Escape, click again
        await page.keyboard.press("Escape")
        await link.click(timeout=STEP_TIMEOUT_S * 1000)
    await settle(page, since=before)


def _sidebar_select(page, label: str):
    # Streamlit 1.67 draws a selectbox as a combobox input named by its label, holding the chosen option's text
    return page.locator(f'[data-testid="stSidebar"] input[role="combobox"][aria-label="{label}"]')


async def _choose(page, label: str, option: str) -> float:
    """Pick option in the sidebar select labelled label as a user does (open, click); return the settle time."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    failures, before = [], None
    for _ in range(CHOOSE_TRIES):
        if failures and await _sidebar_select(page, label).input_value() == option:
            break  # the click that timed out took effect after all: its run is over (settled below)
        try:  # a rerun that redraws the sidebar closes the open list: open it again
            await _sidebar_select(page, label).click(timeout=60_000)
        except PlaywrightTimeout:
            failures.append(f"the {label} box took no click")
            await settle(page)
            continue
        try:
            before = await mark(page)
            await page.get_by_role("option", name=option, exact=True).click(timeout=30_000)
            break
        except PlaywrightTimeout:
            shown = await page.get_by_role("option").all_inner_texts()
            failures.append(f"no option {option!r} to click (options shown: {shown})")
            await page.keyboard.press("Escape")
            await settle(page)
    else:
        raise RuntimeError("harness: " + "; ".join(failures))
    start = time.perf_counter()
    await settle(page, since=before)
    took = time.perf_counter() - start
    shown = await _sidebar_select(page, label).input_value()
    if shown != option:
        raise RuntimeError(f"harness: {label} shows {shown!r} after choosing {option!r}")
    return took


async def _note_list(page, username: str, stats: Stats) -> None:
    # whether the by-name list was drawn (an expander): then the audit must hold a by-name view of the session
    kabupaten = await _sidebar_select(page, "Kabupaten").input_value()
    round_name = await _sidebar_select(page, "Putaran pemantauan").input_value()
    shown = await page.locator('[data-testid="stExpander"]', has_text="Daftar rumah tangga").count()
    stats.lists.append((username, kabupaten, round_name, bool(shown)))


async def _download(page, username: str, stats: Stats) -> bool:
    """Click the first visible download button, if any; return True when a file arrived."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
    if not await buttons.count():
        return False
    stats.clicks[username] = stats.clicks.get(username, 0) + 1
    try:
        async with page.expect_download(timeout=DOWNLOAD_TIMEOUT_S * 1000) as caught:
            await buttons.first.click()
    except PlaywrightTimeout:  # the click made no file: the server refused or lost it (its log says which)
        message = f"no file {DOWNLOAD_TIMEOUT_S:.0f} s after the click ({await _state(page)})"
        stats.problems.append(Problem("download", username, "download", message))
        return False
    download = await caught.value
    failure = await download.failure()
    if failure:
        stats.problems.append(Problem("download", username, "download", failure))
        return False
    return True


async def run_session(browser, url: str, index: int, pages: list, results: dict, stats: Stats) -> None:
    """Drive one session; append settle times to results[step] and problems to stats."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    from sinergi.access.policy import BY_NAME_ROLES
    from sinergi.common.i18n import translate

    role, username = role_of(index), username_of(index)
    context = await browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_S * 1000)
    await context.add_init_script(_WATCH_RUNS)
    page = await context.new_page()
    step = "sign-in"
    stats.walked[username] = []
    try:
        results["sign-in"].append(await _sign_in(page, url, username, stats))
        by_key = {spec.key: spec for spec in pages}
        mine = [by_key[key] for key in WALK if role in by_key[key].roles][: stats.pages]
        downloaded = False
        for number, spec in enumerate(mine):
            step = spec.key
            start = time.perf_counter()
            await _open(page, translate(f"{spec.key}.title", "id"))
            results[spec.key].append(time.perf_counter() - start)
            stats.walked[username].append(spec.key)
            problem = await _page_problem(page)
            if problem and problem[0] == "signed out" and stats.faults:
                problem = await _signed_in_again(page, username, step, stats)
            if problem:
                stats.problems.append(Problem(problem[0], username, step, problem[1]))
                await _shot(page, stats, f"{username}-{step}")
                if problem[0] == "signed out":
                    return
            if spec.key == "intervensi" and role in BY_NAME_ROLES:
                await _note_list(page, username, stats)
            if number == 1:  # change the round, as a user does
                step = f"{spec.key} round change"
                took = await _choose(page, "Putaran pemantauan", ROUND)
                results["round change"].append(took)
            if number == 2 and role not in SCOPED:  # look at another kabupaten, then come back
                step = f"{spec.key} region change"
                took = await _choose(page, "Kabupaten", OTHER)
                results["region change"].append(took)
                if spec.key == "intervensi" and role in BY_NAME_ROLES:
                    await _note_list(page, username, stats)
                took = await _choose(page, "Kabupaten", HOME)
                results["region change"].append(took)
            if not downloaded:
                step = f"{spec.key} download"
                downloaded = await _download(page, username, stats)
    except StepTimeout as error:
        kind = "disconnected" if error.state == "connecting" else "timeout"
        stats.problems.append(Problem(kind, username, step, str(error)))
        await _shot(page, stats, _slug(username, step))
    except PlaywrightTimeout as error:
        state = await _state(page)  # idle: what the walk waited for never came (a link, a widget)
        kind = {"connecting": "disconnected", "idle": "harness"}.get(state, "timeout")
        message = f"{str(error).splitlines()[0][:100]} ({state})"
        stats.problems.append(Problem(kind, username, step, message))
        await _shot(page, stats, _slug(username, step))
    except RuntimeError as error:
        kind = "sign-in" if str(error).startswith("sign-in") else "harness"
        stats.problems.append(Problem(kind, username, step, str(error)))
    except Exception as error:
        stats.problems.append(
            Problem("harness", username, step, f"{type(error).__name__}: {str(error)[:140]}")
        )
    finally:
        await context.close()
