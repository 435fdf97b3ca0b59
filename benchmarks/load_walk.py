"""One load-test session in headless Chromium: sign in, walk the role's pages, change the round and (roles not bound
to one kabupaten) the kabupaten and back, download once.

Used by benchmarks/load.py; the page's state and wire are read in load_page.py, the clicks made until they take
effect in load_act.py. Every problem is recorded with a kind, so a report can tell the harness's own waits on a
busy machine from what the app did wrong:
- `timeout`: a step did not settle within the step limit while the app was still running the script (or the
  browser was still loading): the machine was too busy for the harness's patience, not an app error by itself;
- `disconnected`: the page lost its WebSocket (Streamlit's "connecting" state) and did not come back;
- `exception` / `incident`: the page showed a Streamlit exception or Sinergi's incident message (app errors);
- `signed out` / `sign-in`: the session lost its sign-in, or the sign-in form refused the right password;
- `download`: a download click's request came back without a file;
- `no effect`: a link, select or download click went out and still had no effect after its retries (load_act.py);
- `unsent`: no click of an action ever left the browser (a renderer starved of CPU), reported apart from app errors;
- `harness`: the walk could not find what it looked for (a link, a widget) on a settled page.
"""

from __future__ import annotations

import asyncio
import time

from load_act import Actor, NoEffect
from load_page import (
    STEP_TIMEOUT_S,
    Problem,
    Stats,
    StepTimeout,
    Wire,
    mark,
    page_problem,
    settle,
    shot,
    slug,
    state,
)
from load_page import WATCH_RUNS as _WATCH_RUNS

__all__ = ["PASSWORD", "SCOPED", "Stats", "role_of", "run_session", "username_of"]

PASSWORD = "muat-uji-rahasia-1"
ROLES = ("admin", "perencana", "pimpinan", "monev", "tamu")
SCOPED = {"perencana": "99.02", "pimpinan": "99.02"}  # roles bound to one kabupaten: their accounts' scope
HOME, OTHER = "Watu Molo", "Tanjung Lestari"  # kabupaten 99.02 (where a walk starts) and 99.01
ROUND = "Baseline 2025"  # the round a walk changes to (from the latest, Endline 2026)
# The walk: pages a user of each role opens first (each role keeps the ones it may use), with by-name lists early.
WALK = ("beranda", "peta", "intervensi", "monev", "moa", "potensi", "briefing", "sasaran_lokasi", "anggaran")
RELOAD_WAIT_S = 90.0  # a browser asks again for its cookie for about a minute (sinergi.access.login)
APP_KINDS = ("exception", "incident", "signed out", "sign-in", "download", "disconnected", "no effect")


def username_of(index: int) -> str:
    return f"muat{index:02d}"


def role_of(index: int) -> str:
    return ROLES[index % len(ROLES)]


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
            return await page_problem(page)
    return "signed out", f"the sign-in form is back (and stayed {RELOAD_WAIT_S:.0f} s)"


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
                raise StepTimeout(await state(page))
            text = await page.locator('[data-testid="stAlert"]').first.inner_text()
            raise RuntimeError("sign-in: " + text.strip()[:160])
        stats.retries.append(
            f"{username} sign-in again after: {'; '.join(stats.faults)} (attempt {attempt + 2})"
        )
    raise RuntimeError("sign-in: refused three times")


async def _note_list(page, actor: Actor, username: str, stats: Stats) -> None:
    # whether the by-name list was drawn (an expander): then the audit must hold a by-name view of the session
    kabupaten = await actor.select("Kabupaten").input_value()
    round_name = await actor.select("Putaran pemantauan").input_value()
    shown = await page.locator('[data-testid="stExpander"]', has_text="Daftar rumah tangga").count()
    stats.lists.append((username, kabupaten, round_name, bool(shown)))


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
    actor = Actor(page, Wire(page), stats, username)
    actor.step = step = "sign-in"
    stats.walked[username] = []
    try:
        results["sign-in"].append(await _sign_in(page, url, username, stats))
        by_key = {spec.key: spec for spec in pages}
        mine = [by_key[key] for key in WALK if role in by_key[key].roles][: stats.pages]
        downloaded = False
        for number, spec in enumerate(mine):
            actor.step = step = spec.key
            results[spec.key].append(await actor.open(translate(f"{spec.key}.title", "id")))
            stats.walked[username].append(spec.key)
            problem = await page_problem(page)
            if problem and problem[0] == "signed out" and stats.faults:
                problem = await _signed_in_again(page, username, step, stats)
            if problem:
                stats.problems.append(Problem(problem[0], username, step, problem[1]))
                await shot(page, stats, f"{username}-{step}")
                if problem[0] == "signed out":
                    return
            if spec.key == "intervensi" and role in BY_NAME_ROLES:
                await _note_list(page, actor, username, stats)
            if number == 1:  # change the round, as a user does
                actor.step = step = f"{spec.key} round change"
                results["round change"].append(await actor.choose("Putaran pemantauan", ROUND))
            if number == 2 and role not in SCOPED:  # look at another kabupaten, then come back
                actor.step = step = f"{spec.key} region change"
                results["region change"].append(await actor.choose("Kabupaten", OTHER))
                if spec.key == "intervensi" and role in BY_NAME_ROLES:
                    await _note_list(page, actor, username, stats)
                results["region change"].append(await actor.choose("Kabupaten", HOME))
            if not downloaded:
                actor.step = step = f"{spec.key} download"
                downloaded = await actor.download()
    except StepTimeout as error:
        kind = "disconnected" if error.state == "connecting" else "timeout"
        message = f"{error}; wire over the last {STEP_TIMEOUT_S:.0f} s: {actor.wire.since(time.monotonic() - STEP_TIMEOUT_S)}"
        stats.problems.append(Problem(kind, username, step, message))
        await shot(page, stats, slug(username, step))
    except (
        NoEffect
    ) as error:  # the app failed a click that went out; a click that never left is the browser's
        stats.problems.append(Problem("no effect" if error.sent else "unsent", username, step, str(error)))
        await shot(page, stats, slug(username, step))
    except PlaywrightTimeout as error:
        now = await state(page)  # idle: what the walk waited for never came (a link, a widget)
        kind = {"connecting": "disconnected", "idle": "harness"}.get(now, "timeout")
        message = f"{str(error).splitlines()[0][:100]} ({now})"
        stats.problems.append(Problem(kind, username, step, message))
        await shot(page, stats, slug(username, step))
    except RuntimeError as error:
        kind = "sign-in" if str(error).startswith("sign-in") else "harness"
        stats.problems.append(Problem(kind, username, step, str(error)))
    except Exception as error:
        stats.problems.append(
            Problem("harness", username, step, f"{type(error).__name__}: {str(error)[:140]}")
        )
    finally:
        await context.close()
