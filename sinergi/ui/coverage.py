"""Whether the selected region holds household data at all: a kabupaten imported with boundaries only (walk1 item 6)
has none, and a page that counts households says so instead of showing zeros as facts."""

from __future__ import annotations

import streamlit as st

from sinergi.ui.context import PageContext
from sinergi.ui.data import load


def has_households(ctx: PageContext) -> bool:
    """Return True when the selected region holds at least one P3KE household."""
    return bool(load("region_has_households", region=ctx.region_code)["has_households"].iloc[0])


def stop_without_households(ctx: PageContext) -> None:
    """Say that the region has no household data yet and stop the page, when it has none; else do nothing."""
    if not has_households(ctx):
        no_households_notice(ctx)
        st.stop()


def no_households_notice(ctx: PageContext) -> None:
    """Draw the notice that the region holds no household data yet (what to import to fill the page)."""
    st.info(ctx.t("shell.no_households", region=ctx.region_name))
