"""Small shared UI pieces: headline tiles, data-as-of lines, downloads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from sinergi.access import exports
from sinergi.access.login import NAME_KEY, PAGE_KEY, SESSION_KEY, session_viewer
from sinergi.common.display import Formatter, styled
from sinergi.common.export_cells import ExportTable, export_table
from sinergi.common.fmt import EMPTY, fmt_date, fmt_number
from sinergi.common.i18n import translate
from sinergi.common.table_export import export_stamp, to_csv_bytes, to_excel_bytes
from sinergi.common.text import plain
from sinergi.common.vocabulary import labels
from sinergi.ui.context import PageContext


def show_table(
    frame: pd.DataFrame,
    lang: str,
    headers: dict[str, str] | None = None,
    formats: dict[str, Formatter] | None = None,
    **kwargs: Any,
) -> Any:
    """Draw frame as a table with every cell written for lang (numbers sort as numbers), localised headers.

    Only the columns in headers are shown, in their order; formats overrides a column's formatter (e.g. a code's
    label); kwargs go to st.dataframe (key, height, on_select, ...). Returns st.dataframe's result.

    A missing number reads "–": the browser draws an empty cell of a number column as "None" whatever its
    formatted text, unless the table has a placeholder."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("placeholder", EMPTY)
    return st.dataframe(styled(frame, lang, headers, formats, keep_index=not kwargs["hide_index"]), **kwargs)


def table_and_downloads(
    ctx: PageContext,
    frame: pd.DataFrame,
    stem: str,
    headers: dict[str, str] | None = None,
    formats: dict[str, Formatter] | None = None,
    *,
    full: tuple[Callable[[], pd.DataFrame], int] | None = None,
    **kwargs: Any,
) -> Any:
    """Draw frame as show_table does and offer that same table as Excel and CSV (download_buttons): one set of
    headers and formats for both, so a file cannot hold a column the screen does not show. Returns show_table's
    result."""
    state = show_table(frame, ctx.lang, headers, formats, **kwargs)
    download_buttons(ctx, frame, stem, headers, formats, full=full)
    return state


PAGE_ROWS = 500  # rows per page of a long table (Intervensi's by-name list pages by the same number)


def page_of_rows(
    ctx: PageContext, frame: pd.DataFrame, key: str, page_rows: int | None = None
) -> pd.DataFrame:
    """Return the rows of frame on the page the reader chose, drawing a page number and "rows x-y of n" when frame
    has more than one page (a province table of 11,000 desa costs the server seconds and the reader nothing).

    key names the page number: include whatever changes the frame (region, sector), since another frame's page
    number may not exist here. The caller shows the page and offers the whole frame in its downloads."""
    first, size = chosen_rows(ctx, len(frame), key, page_rows)
    return frame.iloc[first : first + size] if size < len(frame) else frame


def page_count(rows: int, page_rows: int) -> int:
    """Return how many pages of page_rows a list of rows fills (at least one)."""
    return max(1, -(-rows // page_rows))


def chosen_rows(ctx: PageContext, rows: int, key: str, page_rows: int | None = None) -> tuple[int, int]:
    """Return (offset, size) of the page the reader chose of a list of rows, drawn as page_of_rows draws it: for a
    list a query reads one page at a time (its page_offset and page_size), where page_of_rows slices a frame."""
    page_rows = page_rows or PAGE_ROWS
    pages = page_count(rows, page_rows)
    if pages == 1:
        return 0, page_rows
    page = int(st.number_input(ctx.t("shell.page"), 1, pages, 1, key=key))
    first = (page - 1) * page_rows
    numbers = {
        "page": page,
        "pages": pages,
        "first": first + 1,
        "last": min(first + page_rows, rows),
        "rows": rows,
    }
    st.caption(ctx.t("shell.page_of", **{k: fmt_number(v, ctx.lang) for k, v in numbers.items()}))
    return first, page_rows


def code_labels(domain: str, lang: str) -> Formatter:
    """Return a formatter that writes a code (or comma-separated codes) of a vocabulary domain as words."""
    return lambda codes: labels(domain, codes, lang)


def file_uploader_words(lang: str) -> None:
    """Write the file uploader's own button and size note in lang (Streamlit draws them in English only)."""
    button = json.dumps(translate("shell.upload.button", lang))
    limit = json.dumps(translate("shell.upload.limit", lang))
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after '
        f"{{ content: {button}; font-size: 0.875rem; }}"
        '[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}'
        "</style>"
    )


def region_title(ctx: PageContext, markdown: bool = True) -> str:
    """Return the region as a reader says it: Kabupaten X, Kecamatan Y, Provinsi Z (escaped for Markdown unless
    markdown=False: region names come from imported boundaries)."""
    return ctx.t(
        f"region.level.{ctx.region_level}", name=plain(ctx.region_name) if markdown else ctx.region_name
    )


def metric_delta(delta: str | None, delta_color: str = "normal") -> dict[str, Any]:
    """Return st.metric's delta arguments for a change written as everywhere else (fmt_change: true minus "−").

    Streamlit reads the direction from a leading ASCII "-", which showed "-31 (-1,8 %)" on a tile beside "−1,8 %"
    in the text; the direction and colour are given explicitly instead ("inverse": a fall is good)."""
    if not delta:
        return {}
    text = delta.strip()
    if text.startswith("-"):
        text = "−" + text[1:]
    negative, zero = text.startswith("−"), text.startswith("±")
    if delta_color == "off" or zero:
        return {"delta": text, "delta_color": "gray", "delta_arrow": "off"}
    good = negative if delta_color == "inverse" else not negative
    return {
        "delta": text,
        "delta_color": "green" if good else "red",
        "delta_arrow": "down" if negative else "up",
    }


def data_as_of(ctx: PageContext, extra: str | None = None) -> None:
    """Write the data-as-of and source line under a figure."""
    source = ctx.t("shell.source_synthetic") if ctx.is_synthetic else ctx.t("shell.source_imported")
    text = ctx.t("shell.as_of", date=fmt_date(ctx.as_of, ctx.lang), source=source)
    st.caption(f"{text} {extra}" if extra else text)


def offer_download(
    container: Any,
    label: str,
    make: Callable[[], bytes],
    file_name: str,
    mime: str,
    key: str,
    detail: dict[str, Any],
) -> None:
    """Draw a download button whose file is made only on click, audited then, and served once to this session.

    Nothing sits at a media URL while the page is merely drawn (sinergi.access.exports, sinergi.access.web).
    """
    viewer = session_viewer()
    who = (viewer.username, viewer.role, viewer.scope) if viewer else ("anonim", None, None)
    container.download_button(
        label,
        exports.on_request(
            make,
            who,
            st.session_state.get(PAGE_KEY),
            {"file": file_name, **detail},
            st.session_state.get(SESSION_KEY),
        ),
        file_name=file_name,
        mime=mime,
        key=key,
        # a rerun with the click: a page that reconnected to a new app process has not run there yet (Streamlit's
        # browser asks for no run after a reconnection), and its click would name a button no process holds; the
        # rerun draws it again and the click gets that button's file (sinergi.access.reconnect)
        on_click="rerun",
    )


def download_buttons(
    ctx: PageContext,
    frame: pd.DataFrame,
    stem: str,
    headers: dict[str, str] | None = None,
    formats: dict[str, Formatter] | None = None,
    *,
    user: str | None = None,
    full: tuple[Callable[[], pd.DataFrame], int] | None = None,
    draw: Callable[[pd.DataFrame], Styler] | None = None,
) -> None:
    """Offer the table `show_table(frame, lang, headers, formats)` draws as Excel and CSV: its columns under its
    headers, every cell as the screen writes it (a protected cell as its words, never the number the browser sorts
    it by; numbers at the screen's decimals, kept as numbers with formats in Excel: sinergi.common.table_export),
    stamped with the signed-in user and time. Give it the headers and formats show_table got.

    draw turns frame into the Styler of a table a page draws itself (Monev KPI) instead of show_table's. The files
    are made when clicked, and each one is written to the audit log with user, role, scope, table and row count.
    full = (make, rows) when frame is one page of a longer list: the files hold all rows, read by make on click
    (sinergi.ui.data.load_on_click, with the same rules), and the audit records rows.
    """
    viewer = session_viewer()
    username = viewer.username if viewer else "anonim"
    user = user or f"{st.session_state.get(NAME_KEY, username)} ({username})"
    now = datetime.now()
    lang = ctx.lang
    drawn = draw or (lambda rows: styled(rows, lang, headers, formats))
    columns = (
        [headers[c] for c in headers if c in frame.columns]
        if headers and draw is None
        # the headers of no rows: drawing the whole table here cost Monev KPI's province run ~35 ms on every run
        else list(map(str, drawn(frame.iloc[:0]).data.columns))
    )

    def make_table() -> ExportTable:
        return export_table(drawn(full[0]() if full else frame), lang)

    safe = re.sub(r"[^a-z0-9_-]+", "_", stem.lower())
    # the file name carries the stamp too: a CSV has no room for a note
    file_stem = f"{safe}_{re.sub(r'[^a-z0-9_-]+', '_', username.lower())}_{now:%Y%m%d-%H%M}"
    detail = {
        "table": stem,
        "region": ctx.region_code,
        "round": ctx.round_id,
        "rows": full[1] if full else len(frame),
        "columns": columns,
    }
    note = export_stamp(user, now, lang=lang)
    col_xlsx, col_csv = st.columns(2)
    offer_download(
        col_xlsx,
        ctx.t("shell.download_excel"),
        lambda: to_excel_bytes(make_table(), note=note, lang=lang),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"dl_xlsx_{safe}",
        {**detail, "format": "xlsx"},
    )
    offer_download(
        col_csv,
        ctx.t("shell.download_csv"),
        lambda: to_csv_bytes(make_table(), lang),
        f"{file_stem}.csv",
        "text/csv",
        f"dl_csv_{safe}",
        {**detail, "format": "csv"},
    )
