"""Number, percentage, Rupiah and date formats in Indonesian (default) or English, through babel."""

from __future__ import annotations

import decimal
import math
from datetime import date, datetime
from functools import cache

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from sinergi.common.amounts import Amount, shown_amount
from sinergi.common.i18n import translate
from sinergi.common.suppressed import BAND_WIDTH, Band, Count, Share, breakdown_value, total_value

LOCALES = {"id": "id_ID", "en": "en_US"}
_RUPIAH_SCALES = {
    "id": [(1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")],
    "en": [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")],
}
EMPTY = "–"
SMALL = "<5"  # a count of 1-4 hidden from the viewer (sinergi.common.suppressed.Count)
# Python writes 1,234.5; each language's group and decimal symbols come from babel's locale data. Formatting a number
# this way gives babel's format_decimal text ("#,##0.0", half-even rounding of the decimal written by str(value);
# tests/test_fmt.py compares them) at a seventh of its cost: a province table formats tens of thousands of cells.
_SYMBOLS = {
    lang: str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})
    for lang, locale in LOCALES.items()
}


def _missing(value: object) -> bool:
    # pd.NA (a left join that found nothing, e.g. a desa without demography), NaT and numpy NaN count as missing too
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def fmt_number(value: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """Return 1.234.567 (id) or 1,234,567 (en); decimals fixed. A protected count shows its breakdown value:
    "<5" for 1-4, otherwise rounded to a multiple of 5 for roles without by-name access."""
    if isinstance(value, Count):
        value = breakdown_value(value)
        if value is None:
            return SMALL
    if value is None or _missing(value):
        return EMPTY
    exact = value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))
    shown = abs(exact).quantize(_step(decimals), rounding=decimal.ROUND_HALF_EVEN)
    text = format(shown, ",f")
    # One minus everywhere: fmt_change and fmt_rupiah write the true minus (−) too. A value that rounds to zero
    # has none: "−0" would read as a loss where nothing is shown.
    return ("−" if exact.is_signed() and shown else "") + text.translate(_SYMBOLS[lang])


def _rounds_to_zero(value: float, decimals: int) -> bool:
    exact = decimal.Decimal(str(abs(value)))
    return not exact.quantize(_step(decimals), rounding=decimal.ROUND_HALF_EVEN)


@cache
def _step(decimals: int) -> decimal.Decimal:
    return decimal.Decimal(1).scaleb(-decimals)


def fmt_total(value: float | int | None, lang: str = "id") -> str:
    """Return a headline figure (tile, stated total of the selected region): exact, or "<5" for a count of 1-4."""
    if isinstance(value, Count):
        value = total_value(value)
        if value is None:
            return SMALL
    return fmt_number(value, lang)


def fmt_part(value: float | int | None, lang: str = "id", rounded: bool = False) -> str:
    """Return a headline figure that is a part (or the whole) of a partition: exact like fmt_total, or, when
    rounded (a part reads "<5": sinergi.common.suppressed.partition_hidden), rounded like a breakdown cell."""
    return fmt_number(value, lang) if rounded else fmt_total(value, lang)


def fmt_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """Return a percentage given in 0-100 units: 12,5 % (id) or 12.5% (en). A protected Share has no decimal (it is
    rounded to 5 points) and a withheld one reads as the catalogue's word."""
    if isinstance(value, Share):
        if value.withheld:
            return translate("privacy.withheld", lang)
        decimals = 0
    if isinstance(value, Band):  # an attainment band (rule 8): "75–99 %", "≥ 100 %", "< 0 %"
        low, unit = int(value), " %" if lang == "id" else "%"
        if low >= 100:
            return f"≥ 100{unit}"
        return f"< 0{unit}" if low < 0 else f"{low}–{low + BAND_WIDTH - 1}{unit}"
    if _missing(value):
        return EMPTY
    number = fmt_number(value, lang, decimals)
    return f"{number} %" if lang == "id" else f"{number}%"


def fmt_rupiah(value: float | None, lang: str = "id", short: bool = True) -> str:
    """Return Rp 1,2 miliar / Rp 350 juta (short) or Rp 1.234.567 (full); English: IDR 1.2 billion. A protected
    Amount shows the amount for its count as shown, or the catalogue's word where it is withheld (rule 7)."""
    if isinstance(value, Amount):
        value = shown_amount(value)
        if value is None:
            return translate("privacy.withheld", lang)
    if value is None or _missing(value):
        return EMPTY
    prefix = "Rp" if lang == "id" else "IDR"
    sign = "−" if value < 0 and not _rounds_to_zero(value, 0) else ""
    amount = abs(float(value))
    if short:
        for size, word in _RUPIAH_SCALES[lang][:3]:
            if amount >= size:
                scaled = amount / size
                decimals = 0 if scaled >= 100 or scaled == int(scaled) else 1
                return f"{sign}{prefix} {fmt_number(scaled, lang, decimals)} {word}"
    return f"{sign}{prefix} {fmt_number(amount, lang, 0)}"


def fmt_date(value: date | datetime | str | None, lang: str = "id") -> str:
    """Return 2 Januari 2023 (id) or 2 January 2023 (en)."""
    if value is None or (not isinstance(value, str) and _missing(value)):
        return EMPTY
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        value = value.date()
    assert isinstance(value, date)  # str, pandas and datetime values were turned into a date above
    return _babel_date(value, format="d MMMM y", locale=LOCALES[lang])


def fmt_month(value: date | datetime | str, lang: str = "id") -> str:
    """Return the month of a date in words, short: Mei 2024 (id) or May 2024 (en); for date axis ticks."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    assert isinstance(value, date)  # str and pandas values were turned into a date above
    return _babel_date(value, format="MMM y", locale=LOCALES[lang])


def fmt_datetime(value: datetime | str | None, lang: str = "id") -> str:
    """Return 2 Januari 2023, 13.05 (id) or 2 January 2023, 13:05 (en), to the minute; ISO text is read first."""
    if value is None or (not isinstance(value, str) and _missing(value)):
        return EMPTY
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    clock = f"{value:%H.%M}" if lang == "id" else f"{value:%H:%M}"
    return f"{fmt_date(value, lang)}, {clock}"


def fmt_change(value: float | None, lang: str = "id", decimals: int = 0, pct: bool = False) -> str:
    """Return a signed change: +1.234 / −12,5 %. A protected count is a headline change: exact, or "<5"."""
    if isinstance(value, Count):
        shown = total_value(value)
        if shown is None:
            return ("+" if value > 0 else "−") + SMALL
        value = shown
    if value is None or _missing(value):
        return EMPTY
    sign = "±" if _rounds_to_zero(value, decimals) else ("+" if value > 0 else "−")
    body = fmt_pct(abs(value), lang, decimals) if pct else fmt_number(abs(value), lang, decimals)
    return f"{sign}{body}"


def fmt_moa(moa_id: str, number: str | None = None) -> str:
    """Return the one way an agreement is named: its short code, with its official number when known
    (MOA-0202 · 002/NK-KE/9902/2024)."""
    return f"{moa_id} · {number}" if isinstance(number, str) and number else moa_id
