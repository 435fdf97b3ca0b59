"""Table downloads: Excel and CSV bytes with localised headers and formats.

Every file is safe to open: text that a spreadsheet would run as a formula is escaped in CSV (a leading apostrophe)
and written as text in Excel. Values stay values: numbers (Rupiah too) are written as numbers with an Excel number format, dates as dates, so a
planner can sum and sort them. Excel shows the separators of the reader's own locale; month names in dates follow
the language of the export through a locale tag in the format ([$-421] Indonesian, [$-409] English).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd

from sinergi.common.amounts import show_amounts
from sinergi.common.i18n import translate
from sinergi.common.suppressed import show_small_counts

# Excel number formats chosen by the unit suffix of a column name (see the schema's naming rule).
_SUFFIX_FORMATS = {
    "_rp": '"Rp" #,##0',
    "_count": "#,##0",
    "_pct": "0.0",
    "_km": "#,##0.0",
    "_km2": "#,##0.0",
    "_m": "#,##0",
}
_DATE_FORMATS = {"id": "[$-421]d mmmm yyyy", "en": "[$-409]d mmmm yyyy"}
# OWASP CSV injection: a spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(…), +1+1…)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter writes text as text: never a formula or a link, whatever the text begins with
EXCEL_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def _is_text_column(series: pd.Series) -> bool:
    return bool(pd.api.types.is_string_dtype(series) or series.dtype == object)


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame with every text cell that a spreadsheet would run as a formula prefixed by an apostrophe."""
    out = frame.copy()
    for col in out.columns:
        if not _is_text_column(out[col]):
            continue
        values = out[col]
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        if risky.any():
            out[col] = values.astype(object).where(~risky, "'" + values.astype("string"))
    return out


def excel_writer(buffer: io.BytesIO, **kwargs: object) -> pd.ExcelWriter:
    """Return a pandas ExcelWriter (xlsxwriter) that writes every string as text (no formulas, no links)."""
    return pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": EXCEL_OPTIONS}, **kwargs)


def localise_headers(frame: pd.DataFrame, headers: dict[str, str] | None) -> pd.DataFrame:
    """Return frame with columns renamed by headers and limited to them (all columns when headers is None)."""
    if not headers:
        return frame
    return frame[[c for c in headers if c in frame.columns]].rename(columns=headers)


def _is_date_column(series: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    if series.dtype == object:
        sample = series.dropna().head(20)
        return len(sample) > 0 and all(isinstance(v, date) for v in sample)
    return False


def excel_formats(
    frame: pd.DataFrame, headers: dict[str, str] | None = None, lang: str = "id"
) -> dict[str, str]:
    """Return {output column: Excel number format} for the columns of frame, keyed by their localised header."""
    formats: dict[str, str] = {}
    for column in frame.columns:
        if headers and column not in headers:
            continue
        out = headers[column] if headers else column
        if _is_date_column(frame[column]):
            formats[out] = _DATE_FORMATS[lang]
            continue
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            continue
        suffix = next(
            (s for s in sorted(_SUFFIX_FORMATS, key=len, reverse=True) if str(column).endswith(s)), None
        )
        if suffix:
            formats[out] = _SUFFIX_FORMATS[suffix]
        elif pd.api.types.is_integer_dtype(frame[column]):
            formats[out] = "#,##0"
    return formats


def to_csv_bytes(frame: pd.DataFrame, lang: str = "id") -> bytes:
    """Return CSV bytes: `;` and decimal comma for Indonesian spreadsheets, `,` and point for English (UTF-8 BOM)."""
    sep, decimal = (";", ",") if lang == "id" else (",", ".")
    # suppressed counts stay "<5" in the file; amounts summed over households are shown for the count as shown
    clean = show_amounts(show_small_counts(frame, text=False))
    for col in clean.columns:
        # ISO dates read back as dates in every spreadsheet locale; drop midnight times and time zones.
        if pd.api.types.is_datetime64_any_dtype(clean[col]):
            values = (
                clean[col].dt.tz_localize(None)
                if isinstance(clean[col].dtype, pd.DatetimeTZDtype)
                else clean[col]
            )
            if (values.dropna().dt.normalize() == values.dropna()).all():
                clean[col] = values.dt.strftime("%Y-%m-%d")
    text: str = escape_formulas(clean).to_csv(index=False, sep=sep, decimal=decimal)
    return text.encode("utf-8-sig")


def to_excel_bytes(
    frame: pd.DataFrame,
    sheet: str = "Data",
    note: str | None = None,
    formats: dict[str, str] | None = None,
) -> bytes:
    """Return an .xlsx workbook: the table on one sheet (header frozen, widths fitted, number and date formats by
    column from `formats`), an optional note below."""
    buffer = io.BytesIO()
    # suppressed counts stay "<5" in the file; amounts summed over households are shown for the count as shown
    clean = show_amounts(show_small_counts(frame, text=False))
    for col in clean.columns:
        if isinstance(clean[col].dtype, pd.DatetimeTZDtype):
            clean[col] = clean[col].dt.tz_localize(None)
        elif _is_date_column(clean[col]):
            clean[col] = pd.to_datetime(clean[col])
    formats = formats or {}
    with excel_writer(buffer, datetime_format="yyyy-mm-dd", date_format="yyyy-mm-dd") as writer:
        clean.to_excel(writer, sheet_name=sheet[:31], index=False)
        book, sheet_obj = writer.book, writer.sheets[sheet[:31]]
        sheet_obj.freeze_panes(1, 0)
        for i, col in enumerate(clean.columns):
            width = (
                max(len(str(col)), *(len(str(v)) for v in clean[col].head(200)), 6)
                if len(clean)
                else len(str(col))
            )
            style = book.add_format({"num_format": formats[col]}) if col in formats else None
            sheet_obj.set_column(i, i, min(width + 2, 60), style)
            if style is not None and _is_date_column(clean[col]):
                # pandas writes datetimes cell by cell with its own format: rewrite them with the column's.
                for row, value in enumerate(clean[col], start=1):
                    if pd.notna(value):
                        sheet_obj.write_datetime(row, i, value.to_pydatetime(), style)
        if note:
            sheet_obj.write(len(clean) + 2, 0, note)
    return buffer.getvalue()


def export_stamp(user: str | None, when: datetime | None = None, lang: str = "id") -> str:
    """Return the line stamped on every export: who exported it and when."""
    when = when or datetime.now()
    return translate(
        "export.stamp",
        lang,
        user=user or translate("export.anonymous", lang),
        when=f"{when:%Y-%m-%d %H:%M}",
    )
