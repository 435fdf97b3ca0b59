"""Small shared UI pieces: headline tiles, data-as-of lines, downloads."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from sinergi.export.tables import (
    excel_formats,
    export_stamp,
    localise_headers,
    to_csv_bytes,
    to_excel_bytes,
)
from sinergi.fmt import fmt_change, fmt_date
from sinergi.ui.context import PageContext


def region_title(ctx: PageContext) -> str:
    """Return the region as a reader says it: Kabupaten X, Kecamatan Y, Provinsi Z."""
    return ctx.t(f"region.level.{ctx.region_level}", name=ctx.region_name)


def metric_delta(value: float | None, lang: str, decimals: int = 0, pct: bool = False) -> str | None:
    """Return a change for st.metric: Streamlit reads the direction from an ASCII minus, so use one."""
    if value is None:
        return None
    return fmt_change(value, lang, decimals, pct).replace("−", "-").replace("±", "")


def data_as_of(ctx: PageContext, extra: str | None = None) -> None:
    """Write the data-as-of and source line under a figure."""
    source = ctx.t("shell.source_synthetic") if ctx.is_synthetic else ctx.t("shell.source_imported")
    text = ctx.t("shell.as_of", date=fmt_date(ctx.as_of, ctx.lang), source=source)
    st.caption(f"{text} {extra}" if extra else text)


def download_buttons(
    ctx: PageContext,
    frame: pd.DataFrame,
    stem: str,
    headers: dict[str, str] | None = None,
    user: str | None = None,
) -> None:
    """Offer the table as Excel and CSV, with localised headers and an export stamp; Excel keeps numbers and dates
    as values with number formats chosen by the unit suffix of each column name (_rp, _count, _pct)."""
    table = localise_headers(frame, headers)
    safe = re.sub(r"[^a-z0-9_-]+", "_", stem.lower())
    col_xlsx, col_csv = st.columns(2)
    col_xlsx.download_button(
        ctx.t("shell.download_excel"),
        to_excel_bytes(
            table,
            note=export_stamp(user, lang=ctx.lang),
            formats=excel_formats(frame, headers, ctx.lang),
        ),
        file_name=f"{safe}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl_xlsx_{safe}",
        on_click="ignore",
    )
    col_csv.download_button(
        ctx.t("shell.download_csv"),
        to_csv_bytes(table, ctx.lang),
        file_name=f"{safe}.csv",
        mime="text/csv",
        key=f"dl_csv_{safe}",
        on_click="ignore",
    )
