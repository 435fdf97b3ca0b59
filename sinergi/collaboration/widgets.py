"""UI pieces shared by the collaboration pages: tables with downloads, links that keep the region and language."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sinergi.collaboration import columns
from sinergi.ui.components import download_buttons, page_of_rows, show_table
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
    full: tuple[Callable[[], pd.DataFrame], int] | None = None,
):
    """Show frame with localised headers (only the columns in headers), every cell written for the reader, and
    offer it as Excel and CSV (the same table: `formats` overrides a column's formatter on screen and in the files).
    With select=True one row can be chosen and the selection state is returned. full = (make, rows) when frame
    is one page of a longer table: the downloads hold make()'s rows, made on click."""
    kwargs = {"on_select": "rerun", "selection_mode": "single-row"} if select else {}
    if isinstance(height, int):
        # A short table should not leave a block of empty rows: 35 px per row plus the header.
        height = min(height, 35 * (len(frame) + 1) + 3)
    state = show_table(frame, ctx.lang, headers, formats, key=key, height=height, **kwargs)
    download_buttons(ctx, frame, stem, headers, formats, full=full)
    return state


def declared_table(
    ctx: PageContext,
    frame: pd.DataFrame,
    table: str,
    stem: str,
    key: str,
    select: bool = False,
    height: int | str = "auto",
):
    """Show frame as the table declared in columns.TABLES (headers, formats) with downloads; see
    table_with_downloads."""
    return table_with_downloads(
        ctx,
        frame,
        columns.headers(table, ctx.lang),
        stem,
        key,
        select=select,
        formats=columns.formats(table, ctx.lang),
        height=height,
    )


def paged_table(
    ctx: PageContext,
    frame: pd.DataFrame,
    table: str,
    stem: str,
    key: str,
    select: bool = False,
    height: int | str = "auto",
    labelled: Callable[[pd.DataFrame], pd.DataFrame] = lambda rows: rows,
) -> tuple[pd.DataFrame, object]:
    """Show the declared table one page at a time (sinergi.ui.components.page_of_rows), the downloads holding every
    row. `labelled` adds the display columns (per-row Python) to the page drawn and, on a download click, to the
    whole frame. Returns (the rows drawn, the selection state): a selected position is one of the rows drawn."""
    frame = frame.reset_index(drop=True)
    page = page_of_rows(ctx, frame, f"{key}_page_{stem}")
    whole = len(page) == len(frame)
    shown = labelled(page.reset_index(drop=True))
    state = table_with_downloads(
        ctx,
        shown,
        columns.headers(table, ctx.lang),
        stem,
        # a new page is a new table: a row selected on another page names nothing here
        key if whole else f"{key}_from_{page.index[0]}",
        select=select,
        formats=columns.formats(table, ctx.lang),
        height=height,
        full=None if whole else (lambda: labelled(frame), len(frame)),
    )
    return shown, state


def selected_row(state) -> int | None:
    """Return the position of the row chosen in a single-row selectable table, or None."""
    rows = state.selection.rows if state is not None and hasattr(state, "selection") else []
    return rows[0] if rows else None


def synced_choice(param: str, options: list[str]) -> int | None:
    """Return the index of the option named in ?param= (the shareable choice), or None when none is named."""
    wanted = st.query_params.get(param)
    return options.index(wanted) if wanted in options else None


def follow_row_pick(state: object, frame: pd.DataFrame, id_column: str, param: str) -> None:
    """Open the row chosen in a selectable table by writing its id to ?param=, once: afterwards the selector (and the
    URL) lead, even while the row stays selected."""
    picked = selected_row(state)
    if picked is None:
        return
    chosen = frame.loc[picked, id_column]
    if st.session_state.get(f"{param}_last_pick") != chosen:
        st.session_state[f"{param}_last_pick"] = chosen
        st.query_params[param] = chosen
        st.rerun()


def choose_one(label: str, placeholder: str, param: str, titles: dict[str, str]) -> str:
    """Return the id chosen in a selector of `id · title` bound to ?param= (a shareable link); stop the page while
    nothing is chosen."""
    options = list(titles)
    chosen = st.selectbox(
        label,
        options,
        index=synced_choice(param, options),
        format_func=lambda o: f"{o} · {titles[o]}",
        placeholder=placeholder,
        key=f"{param}_choice_{st.query_params.get(param, '')}",
    )
    if chosen is None:
        st.stop()
    if st.query_params.get(param) != chosen:
        st.query_params[param] = chosen
        st.rerun()
    return str(chosen)
