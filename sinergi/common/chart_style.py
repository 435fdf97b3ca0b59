"""Shared chart style: a colour-blind-safe palette (Okabe-Ito) and layout defaults."""

from __future__ import annotations

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


def base_layout(lang: str = "id") -> dict:
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
