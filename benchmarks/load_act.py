"""Clicks a busy machine may lose, made until they take effect: sidebar links, sidebar selects, downloads.

Each action is checked by its intended effect: a link's click sends a rerun (`rerun_script` on the WebSocket) or
changes the URL, and the run it starts ends on the target page; a select shows the new option and sends a rerun,
and the run ends with the option still chosen; a download's click sends a `backend_operation_request` and a file
arrives. A click with no effect is made again after a backoff, each retry logged with its reason and what went over
the WebSocket since the click (stats.click_retries, reported apart from errors); the retries skip Playwright's wait
for the element to be "stable" (two equal animation frames, which a renderer starved of CPU does not draw). An action
still without effect after TRIES clicks raises NoEffect: the app's failure (`no effect`) when a click's message went
out and the run did not come or ended wrong, the browser's (`unsent`) when no click ever left the page.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urljoin, urlparse

from load_page import STEP_TIMEOUT_S, Problem, Stats, Wire, mark, moved, settle, state

TRIES = 3
EFFECT_WAIT_S = 25.0  # a click's first effect (the message it sends, the value shown) on a busy machine
CLICK_TIMEOUT_S = 20.0  # Playwright's wait for an element to take a click (visible, stable, not covered)
FORCED_CLICK_TIMEOUT_S = 60.0  # a retry's click without the actionability checks (the element is there)
BACKOFF_S = (5.0, 15.0)
DOWNLOAD_TIMEOUT_S = 120.0  # a click on a settled page: the file is made and fetched, nothing else runs


class NoEffect(Exception):
    """An action still had no effect after its tries; `sent`: a click's message went out (then the app failed)."""

    def __init__(self, message: str, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class Actor:
    """The actions of one session's page, with the session's wire and where retries are logged."""

    def __init__(self, page, wire: Wire, stats: Stats, username: str) -> None:
        self.page, self.wire, self.stats, self.username = page, wire, stats, username
        self.step = ""

    async def _again(self, attempt: int, started: float, t0: float, what: str, reason: str) -> None:
        """Log a retry (or raise NoEffect when the tries are spent), then wait the backoff."""
        seen = f"{reason}; wire since the click: {self.wire.since(t0)}"
        if attempt >= TRIES:
            sent = any(d == "sent" and t >= started for t, d, _ in self.wire.events)
            message = f"{what}: {attempt} tries over {time.monotonic() - started:.0f} s, the last: {seen}"
            raise NoEffect(message, sent)
        self.stats.click_retries.append(f"{self.username} {self.step}: try {attempt} of {what}: {seen}")
        await asyncio.sleep(BACKOFF_S[attempt - 1])

    @staticmethod
    async def _click(locator, attempt: int) -> None:
        if attempt == 1:
            await locator.click(timeout=CLICK_TIMEOUT_S * 1000)
        else:  # the element is there; a starved renderer may never look "stable"
            await locator.click(force=True, timeout=FORCED_CLICK_TIMEOUT_S * 1000)

    async def _until(self, check, wait_s: float = EFFECT_WAIT_S) -> bool:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if await check():
                return True
            await asyncio.sleep(0.5)
        return False

    async def open(self, title: str) -> float:
        """Open the page of the sidebar link `title`; return the seconds from the click that took to settled."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        page = self.page
        # the links are drawn at the end of the sidebar: after a sign-in the page may settle a moment before them
        link = page.locator(".st-key-sinergi_nav").get_by_role("link", name=title, exact=True).first
        await link.wait_for(state="visible", timeout=STEP_TIMEOUT_S * 1000)
        target = urlparse(urljoin(page.url, await link.get_attribute("href") or "")).path.rstrip("/")
        if urlparse(page.url).path.rstrip("/") == target:  # the page on screen (Beranda after sign-in)
            return await settle(page)
        started = time.monotonic()
        for attempt in range(1, TRIES + 1):
            before, t0 = await mark(page), time.monotonic()
            try:
                await self._click(link, attempt)
            except PlaywrightTimeout as error:
                reason = f"the link took no click: {_why(error)}"
                await page.keyboard.press("Escape")  # a list left open may cover it
            else:

                async def went(t0: float = t0) -> bool:  # not any run's end: one started earlier may end now
                    here = urlparse(page.url).path.rstrip("/") == target
                    return here or self.wire.sent_since(t0, "rerun_script")

                if await self._until(went):
                    break
                reason = f"no rerun sent, still on {urlparse(page.url).path} ({await state(page)})"
            await self._again(attempt, started, t0, f"the link {title!r}", reason)
        took = await settle(page, since=before)
        if (
            urlparse(page.url).path.rstrip("/") != target
        ):  # the run that ended was an earlier one: wait for ours
            took = await settle(page, since=before) if await self._until(
                lambda: _true(urlparse(page.url).path.rstrip("/") == target)) else took  # fmt: skip
        if urlparse(page.url).path.rstrip("/") != target:
            raise NoEffect(
                f"the link {title!r} was clicked and its run ended on {urlparse(page.url).path}", True
            )
        return took

    def select(self, label: str):
        # Streamlit 1.67 draws a selectbox as a combobox input named by its label, holding the chosen option's text
        return self.page.locator(f'[data-testid="stSidebar"] input[role="combobox"][aria-label="{label}"]')

    async def choose(self, label: str, option: str) -> float:
        """Pick option in the sidebar select `label` as a user does (open, click); return the settle time."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        page, started = self.page, time.monotonic()
        for attempt in range(1, TRIES + 1):
            if attempt > 1 and await self.select(label).input_value() == option:
                break  # an earlier click took effect late (its run is settled below)
            before, t0 = await mark(page), time.monotonic()
            try:  # a rerun that redraws the sidebar closes the open list: open it, then click the option
                await self._click(self.select(label), attempt)
                choice = page.get_by_role("option", name=option, exact=True)
                await choice.wait_for(state="attached", timeout=FORCED_CLICK_TIMEOUT_S * 1000)
                await self._click(choice, attempt)
            except PlaywrightTimeout as error:
                shown = await page.get_by_role("option").all_inner_texts()
                reason = f"no click on the box or option ({len(shown)} options shown): {_why(error)}"
                await page.keyboard.press("Escape")
            else:

                async def took_effect(t0: float = t0, before: tuple = before) -> bool:
                    if await self.select(label).input_value() != option:
                        return False
                    return self.wire.sent_since(t0, "rerun_script") or moved(await mark(page), before)

                if await self._until(took_effect):
                    break
                shown = await self.select(label).input_value()
                reason = f"the box shows {shown!r} and no rerun was sent ({await state(page)})"
            await self._again(attempt, started, t0, f"choosing {option!r} in {label}", reason)
        took = await settle(page, since=before)
        shown = await self.select(label).input_value()
        if shown != option:
            raise NoEffect(f"{label} shows {shown!r} after its run, not {option!r}", True)
        return took

    async def download(self) -> bool:
        """Click the first visible download button, if any; return True when a file arrived.

        A click that sent no request (lost in the browser) is made again; a request that came back without a file
        (the error the button shows for 5 s, or nothing in DOWNLOAD_TIMEOUT_S) is the app's `download` problem.
        """
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        page, started = self.page, time.monotonic()
        buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
        if not await buttons.count():
            return False
        for attempt in range(1, TRIES + 1):
            before, t0 = await mark(page), time.monotonic()
            arrival = asyncio.ensure_future(
                page.wait_for_event("download", timeout=DOWNLOAD_TIMEOUT_S * 1000)
            )
            try:
                await self._click(buttons.first, attempt)
            except PlaywrightTimeout as error:
                arrival.cancel()
                await self._again(
                    attempt, started, t0, "a download", f"the button took no click: {_why(error)}"
                )
                continue
            asked = await self._until(
                lambda t0=t0: _true(self.wire.sent_since(t0, "backend_operation_request"))
            )
            if not asked and not arrival.done():
                arrival.cancel()
                await self._again(
                    attempt, started, t0, "a download", f"no request sent ({await state(page)})"
                )
                continue
            self.stats.clicks[self.username] = (
                self.stats.clicks.get(self.username, 0) + 1
            )  # one audit row each
            arrived = await self._arrived(arrival, t0)
            await settle(
                page, since=before
            )  # the click reruns the page (sinergi.ui.components.offer_download)
            return arrived
        return False

    async def _arrived(self, arrival: asyncio.Future, t0: float) -> bool:
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        error, refused, refused_at = self.page.locator('[data-testid="stDownloadButtonError"]'), "", 0.0
        while not arrival.done():
            if not refused and await error.count():
                refused, refused_at = (await error.first.inner_text()).strip()[:120], time.monotonic()
            if refused and time.monotonic() - refused_at > 5:  # refused: no file is coming
                arrival.cancel()
                break
            await asyncio.sleep(0.5)
        try:
            download = arrival.result()
        except (PlaywrightTimeout, asyncio.CancelledError):
            shown = f"the button said {refused!r}" if refused else f"({await state(self.page)})"
            message = (
                f"no file {DOWNLOAD_TIMEOUT_S:.0f} s after the click {shown}; wire: {self.wire.since(t0)}"
            )
            self.stats.problems.append(Problem("download", self.username, "download", message))
            return False
        failure = await download.failure()
        if failure:
            self.stats.problems.append(Problem("download", self.username, "download", failure))
            return False
        return True


async def _true(value: bool) -> bool:
    return value


def _why(error: Exception) -> str:
    # Playwright's call log: the last line says what the click waited for (covered, not stable, not visible)
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return (
        (lines[0][:80] + (" / " + lines[-1][:120] if len(lines) > 1 else ""))
        if lines
        else type(error).__name__
    )
