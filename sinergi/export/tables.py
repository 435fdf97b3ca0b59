"""Table downloads: Excel and CSV bytes with localised headers and formats."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd

from sinergi.access import show_small_counts


def localise_headers(frame: pd.DataFrame, headers: dict[str, str] | None) -> pd.DataFrame:
    """Return frame with columns renamed by headers and limited to them (all columns when headers is None)."""
    if not headers:
        return frame
    return frame[[c for c in headers if c in frame.columns]].rename(columns=headers)


def to_csv_bytes(frame: pd.DataFrame, lang: str = "id") -> bytes:
    """Return CSV bytes: `;` and decimal comma for Indonesian spreadsheets, `,` and point for English (UTF-8 BOM)."""
    sep, decimal = (";", ",") if lang == "id" else (",", ".")
    return (
        show_small_counts(frame, text=False).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")
    )


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Data", note: str | None = None) -> bytes:
    """Return an .xlsx workbook: the table on one sheet (header frozen, widths fitted), an optional note below."""
    buffer = io.BytesIO()
    clean = show_small_counts(frame, text=False)  # suppressed counts stay "<5" in the file
    for col in clean.columns:
        if isinstance(clean[col].dtype, pd.DatetimeTZDtype):
            clean[col] = clean[col].dt.tz_localize(None)
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        clean.to_excel(writer, sheet_name=sheet[:31], index=False)
        sheet_obj = writer.sheets[sheet[:31]]
        sheet_obj.freeze_panes(1, 0)
        for i, col in enumerate(clean.columns):
            width = (
                max(len(str(col)), *(len(str(v)) for v in clean[col].head(200)), 6)
                if len(clean)
                else len(str(col))
            )
            sheet_obj.set_column(i, i, min(width + 2, 60))
        if note:
            sheet_obj.write(len(clean) + 2, 0, note)
    return buffer.getvalue()


def export_stamp(user: str | None, when: datetime | None = None) -> str:
    """Return the line stamped on every export: who exported it and when."""
    when = when or datetime.now()
    return f"Diekspor dari Sinergi oleh {user or 'pengguna'} pada {when:%Y-%m-%d %H:%M}"
