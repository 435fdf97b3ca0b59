"""UI pieces shared by the collaboration pages: tables with downloads, links that keep the region and language."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sinergi.ui.components import download_buttons, show_table
from sinergi.ui.context import PageContext


def link_params(ctx: PageContext, **extra: str) -> dict[str, str]:
    """Return query parameters for a link to another page: region, round and language kept, extras added."""
    return {"wilayah": ctx.region_code, "putaran": str(ctx.round_id), "bahasa": ctx.lang, **extra}


def table_with_downloads(
    ctx: PageContext,
    frame: pd.DataFrame,
    headers: dict[str, str],
    stem: str,
    key: str,
    select: bool = False,
    formats: dict[str, Callable[[object], str]] | None = None,
    height: int | str = "auto",
):
    """Show frame with localised headers (only the columns in headers), every cell written for the reader, and
    offer it as Excel and CSV; `formats` overrides a column's formatter on screen only (downloads keep numbers).
    With select=True one row can be chosen and the selection state is returned."""
    kwargs = {"on_select": "rerun", "selection_mode": "single-row"} if select else {}
    if isinstance(height, int):
        # A short table should not leave a block of empty rows: 35 px per row plus the header.
        height = min(height, 35 * (len(frame) + 1) + 3)
    state = show_table(frame, ctx.lang, headers, formats, key=key, height=height, **kwargs)
    download_buttons(ctx, frame[list(headers)], stem, headers)
    return state


def selected_row(state) -> int | None:
    """Return the position of the row chosen in a single-row selectable table, or None."""
    rows = state.selection.rows if state is not None and hasattr(state, "selection") else []
    return rows[0] if rows else None


def synced_choice(param: str, options: list[str]) -> int | None:
    """Return the index of the option named in ?param= (the shareable choice), or None when none is named."""
    wanted = st.query_params.get(param)
    return options.index(wanted) if wanted in options else None
