"""The source note of a round's extreme-poverty line, in the reader's language."""

from __future__ import annotations

import re

from babel.dates import get_month_names

from sinergi.common.fmt import LOCALES, fmt_number, fmt_rupiah
from sinergi.common.i18n import translate

# The demo generator writes the source as one Indonesian sentence (sinergi/data/demo/households.py); the column is
# free text, so an imported source in another wording is shown as it was recorded.
_PPP_SOURCE = re.compile(
    r"US\$1,90 PPP 2011 \(BPS (?P<base_month>\w+) (?P<base_year>\d{4}): Rp (?P<base>[\d.]+)\) × "
    r"IHK (?P<month>\w+) (?P<year>\d{4}) / \w+ \d{4} = (?P<factor>\d+(?:,\d+)?)(?P<demo> \(asumsi demo\))?$"
)


def _month(name: str, lang: str) -> str:
    months = {v.lower(): k for k, v in get_month_names("wide", locale=LOCALES["id"]).items()}
    number = months.get(name.lower())
    return get_month_names("wide", locale=LOCALES[lang])[number] if number else name


def line_source(source: str, lang: str) -> str:
    """Return the source of a poverty line written for lang: the demo's PPP × CPI sentence translated with the
    language's number format; any other text unchanged."""
    found = _PPP_SOURCE.match(source.strip())
    if found is None:
        return source
    parts = found.groupdict()
    text = translate(
        "method.line_source.ppp",
        lang,
        dollar=fmt_number(1.90, lang, 2),
        base_period=f"{_month(parts['base_month'], lang)} {parts['base_year']}",
        base=fmt_rupiah(float(parts["base"].replace(".", "")), lang, short=False),
        period=f"{_month(parts['month'], lang)} {parts['year']}",
        factor=fmt_number(float(parts["factor"].replace(",", ".")), lang, 3),
    )
    return f"{text} {translate('method.line_source.demo', lang)}" if parts["demo"] else text
