"""What one load-test page is doing: its script runs, its WebSocket traffic, the problems it shows.

Used by benchmarks/load_act.py and load_walk.py. `Wire` keeps the kinds of the Streamlit messages a page sent and
got (decoded with Streamlit's own protobuf classes), so that a click without effect can be told apart: no message
sent after it (the browser lost the click), or sent and never answered by a run (the app did not rerun).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

STEP_TIMEOUT_S = 240.0  # per step: the Chromium clients share the 2 cores with the servers
SINCE_GRACE_S = 30.0  # an action with no run of its own passes for settled after this long idle
WIRE_KEEP = 400  # messages kept per page (the newest)
DECODE_BYTES = 8192  # larger messages are page content (deltas): not decoded, counted as "content"


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
    click_retries: list[str] = field(
        default_factory=list
    )  # clicks made again: no effect seen yet (not errors)
    # by-name roles on Intervensi: (username, kabupaten, round, list of households shown) per settled view
    lists: list[tuple[str, str, str, bool]] = field(default_factory=list)
    shots: Path | None = None  # folder for screenshots of problems
    audit_rows: dict[str, object] = field(default_factory=dict)


class Wire:
    """The Streamlit messages of one page's WebSockets: (monotonic time, direction, kind), newest WIRE_KEEP."""

    def __init__(self, page) -> None:
        self.events: list[tuple[float, str, str]] = []
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        if "/_stcore/stream" not in socket.url:
            return
        self._add("open", "")
        socket.on("framesent", lambda payload: self._add("sent", _kind("back", payload)))
        socket.on("framereceived", lambda payload: self._add("got", _kind("forward", payload)))
        socket.on("close", lambda _socket: self._add("close", ""))

    def _add(self, direction: str, kind: str) -> None:
        if kind == "app_heartbeat":
            return
        self.events.append((time.monotonic(), direction, kind))
        del self.events[:-WIRE_KEEP]

    def sent_since(self, since: float, kind: str) -> bool:
        return any(t >= since and d == "sent" and k == kind for t, d, k in self.events)

    def since(self, since: float) -> str:
        """Say what went over the wire after `since` (monotonic), e.g. `sent rerun_script +0.4 s; got new_session
        +9.1 s, content ×3`: what a retry's log line shows."""
        parts: list[list] = []  # [direction and kind, first at, count] for each run of one kind
        for t, direction, kind in self.events:
            word = f"{direction} {kind}".strip()
            if t < since:
                continue
            if parts and parts[-1][0] == word:
                parts[-1][2] += 1
            else:
                parts.append([word, t - since, 1])
        text = "; ".join(f"{w} +{at:.1f} s" + (f" ×{n}" if n > 1 else "") for w, at, n in parts)
        return text or "nothing sent or received"


def _kind(side: str, payload) -> str:
    """Return the kind of a Streamlit message (BackMsg from the browser, ForwardMsg from the server)."""
    if isinstance(payload, str) or len(payload) > DECODE_BYTES:
        return "content"
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg() if side == "back" else ForwardMsg()
    try:
        message.ParseFromString(payload)
    except (
        Exception
    ):  # not a whole message (a cached reference, a future field): say so, do not fail the walk
        return "undecoded"
    return message.WhichOneof("type") or "empty"


async def state(page) -> str:
    """Return what the page is doing: `connecting`, `running (…)`, `loading the app` or `idle`."""
    widget = page.locator('[data-testid="stStatusWidget"]')
    if await widget.count():
        text = " ".join((await widget.first.inner_text()).lower().split())
        return "connecting" if "connect" in text else f"running ({text[:40] or 'script'})"
    if not await page.locator('[data-testid="stAppViewContainer"]').count():
        return "loading the app"
    app = page.locator('[data-testid="stApp"]')
    script = await app.first.get_attribute("data-test-script-state") if await app.count() else None
    return "idle" if script == "notRunning" else f"idle (script state {script})"


# Counts the changes of the app's script state in the page (`data-test-script-state` of stApp), with an id per page
# load: an action's settle waits for a change after the action, as Streamlit says "running" only once the server
# took the request (seconds on a busy machine) and shows its status widget half a second after that. (A run already
# going when the action came, which takes the action's request in, counts by its end.)
WATCH_RUNS = """
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


def moved(now: tuple[float, int], since: tuple[float, int]) -> bool:
    """Return True when the page reloaded or its script state changed between two marks."""
    return bool(now[0] and now[0] != since[0]) or now[1] > since[1]


async def settle(page, timeout_s: float = STEP_TIMEOUT_S, since: tuple[float, int] | None = None) -> float:
    """Wait until the app is drawn and its script stopped for 0.5 s (after a change of its state since `since`, a
    mark taken before the action, when given); return the seconds it took (to the last run's end)."""
    start = time.perf_counter()
    quiet_since = None
    app = page.locator('[data-testid="stApp"]')
    while time.perf_counter() - start < timeout_s:
        if since is not None and moved(await mark(page), since):
            since = None
        script = await app.first.get_attribute("data-test-script-state") if await app.count() else None
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        if since is not None and time.perf_counter() - start > SINCE_GRACE_S and not running:
            since = None  # no run came for the action (it needed none, or one was going and took it in)
        if since is not None or running or script != "notRunning":
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return quiet_since - start
        await asyncio.sleep(0.25)  # 30 pages polling in one event loop: keep the client's own CPU small
    raise StepTimeout(await state(page))


async def page_problem(page) -> tuple[str, str] | None:
    """Return (kind, message) when the page shows an exception, an incident or the sign-in form."""
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


def slug(username: str, step: str) -> str:
    return f"{username}-{re.sub(r'[^a-z0-9]+', '_', step)}"


async def shot(page, stats: Stats, name: str) -> None:
    """Save a screenshot of the page as name.png in the --keep folder (nothing without one)."""
    if stats.shots is None:
        return
    with contextlib.suppress(Exception):  # the page is gone: nothing to show
        await page.screenshot(path=str(stats.shots / f"{name}.png"), timeout=20_000)
