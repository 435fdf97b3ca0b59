"""Shared chart style: a colour-blind-safe palette (Okabe-Ito) and layout defaults."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PALETTE = {
    "primary": "#0072B2",  # blue
    "secondary": "#E69F00",  # orange
    "good": "#009E73",  # bluish green
    "warn": "#E69F00",  # orange
    "bad": "#D55E00",  # vermillion
    "neutral": "#999999",
    "accent": "#CC79A7",  # reddish purple
    "sky": "#56B4E9",
}
# d3 format of numeric axis ticks: thousands grouped with the layout's separators (7.000, not 7000 or 7k),
# insignificant zeros dropped (0,5 not 0,500000). Years are categories or use YEAR_TICKS.
NUMBER_TICKS = ",~f"
YEAR_TICKS = "d"
SECTOR_COLOURS = {"pangan": "#009E73", "energi": "#E69F00", "kesehatan": "#CC79A7", "umkm": "#0072B2"}


def base_layout(lang: str = "id") -> dict[str, Any]:
    """Return layout defaults: readable fonts, compact margins, localised number separators."""
    return {
        "template": "plotly_white",
        "font": {"size": 14},
        "margin": {"l": 10, "r": 30, "t": 30, "b": 40},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "separators": ",." if lang == "id" else ".,",
        "xaxis": {"tickformat": NUMBER_TICKS},
        "yaxis": {"tickformat": NUMBER_TICKS},
    }


def date_axis(first: object, last: object, lang: str = "id", most: int = 8) -> dict[str, Any]:
    """Return the x-axis settings of a date axis: ticks at month starts labelled "Jan 2024"/"Mei 2024" in the
    reader's language. The layout's numeric tick format (NUMBER_TICKS) means nothing on dates (it printed ",~f"),
    and Plotly's own month names are English whatever the language."""
    import pandas as pd

    from sinergi.common.fmt import fmt_month

    start, end = pd.Timestamp(first), pd.Timestamp(last)
    months = max(1, (end.year - start.year) * 12 + end.month - start.month + 1)
    # Steps of 1, 3, 6 or 12 months, so the ticks fall on quarters or years a planner reads at a glance.
    step = next((s for s in (1, 3, 6, 12) if months / s <= most), 12 * (months // (12 * most) + 1))
    tick = pd.Timestamp(start.year, 1, 1)
    while tick + pd.DateOffset(months=step) <= start:
        tick += pd.DateOffset(months=step)
    ticks = []
    while tick <= end:
        ticks.append(tick)
        tick += pd.DateOffset(months=step)
    return {
        "type": "date",
        "tickformat": None,
        "tickvals": ticks,
        "ticktext": [fmt_month(t, lang) for t in ticks],
    }


def count_bar_args(values: Iterable[object], lang: str = "id", axis: str = "x") -> dict[str, Any]:
    """Return the go.Bar arguments of a bar per count, as the viewer may see them.

    Protected counts (sinergi.common.suppressed.Count) give their breakdown values; a cell that reads "<5" is drawn
    as a hatched bar up to 4, labelled "<5" on the bar and in the hover, never as a zero or a gap.
    """
    import pandas as pd

    from sinergi.common.fmt import fmt_number
    from sinergi.common.suppressed import LIMIT, display_values, hidden_mask

    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    hidden = hidden_mask(series)
    numbers = display_values(series).where(~hidden, LIMIT - 1).fillna(0)
    texts = [fmt_number(v, lang) for v in series]
    return {
        axis: numbers.tolist(),
        "text": texts,
        "hovertext": texts,
        "marker_pattern_shape": ["/" if h else "" for h in hidden],
    }


def plot_numbers(values: Iterable[object]) -> list[float | None]:
    """Return the values a chart may draw: breakdown values of protected counts, 4 where one reads "<5" (label it
    with plot_texts), plain numbers as they are."""
    import pandas as pd

    from sinergi.common.suppressed import LIMIT, display_values, hidden_mask

    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    numbers = display_values(series).where(~hidden_mask(series), LIMIT - 1)
    return [None if v != v else float(v) for v in numbers]


def plot_texts(values: Iterable[Any], lang: str = "id") -> list[str]:
    """Return the hover/label text of each value: "<5" where a protected count is hidden."""
    from sinergi.common.fmt import fmt_number
    from sinergi.common.suppressed import is_count

    return [fmt_number(v, lang) if is_count(v) else fmt_number(v, lang, 1) for v in values]
