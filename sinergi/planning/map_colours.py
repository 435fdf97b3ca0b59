"""Sequential colour ramp (viridis, colour-blind-safe and readable in greyscale) and legend data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# Viridis at six stops, from low (dark purple) to high (yellow); the map reverses nothing: high = bright.
RAMP: list[tuple[int, int, int]] = [
    (68, 1, 84),
    (65, 68, 135),
    (42, 120, 142),
    (34, 168, 132),
    (122, 209, 81),
    (253, 231, 37),
]
NO_DATA = (200, 200, 200)
CLASSES = 5


def class_breaks(values: pd.Series, classes: int = CLASSES) -> list[float]:
    """Return classes+1 equal-interval break points over the finite values (one value: [v, v])."""
    finite = pd.to_numeric(values, errors="coerce").dropna()
    if finite.empty:
        return []
    low, high = float(finite.min()), float(finite.max())
    if math.isclose(low, high):
        return [low, high]
    return list(np.linspace(low, high, classes + 1))


def _class_colour(index: int, classes: int) -> tuple[int, int, int]:
    position = 0 if classes <= 1 else index / (classes - 1)
    return RAMP[round(position * (len(RAMP) - 1))]


def colours_for(values: pd.Series, breaks: list[float], alpha: int = 190) -> list[list[int]]:
    """Return an [r, g, b, a] fill per value: the class of its break interval, grey for missing."""
    classes = max(len(breaks) - 1, 1)
    out: list[list[int]] = []
    for value in pd.to_numeric(values, errors="coerce"):
        if pd.isna(value) or not breaks:
            out.append([*NO_DATA, alpha])
            continue
        index = int(np.searchsorted(breaks[1:-1], value, side="right")) if len(breaks) > 2 else 0
        out.append([*_class_colour(min(index, classes - 1), classes), alpha])
    return out


def legend_entries(breaks: list[float], formatter, no_data_label: str | None = None) -> list[tuple[str, str]]:
    """Return (hex colour, label) rows for a legend, one per class, labels made by formatter(low, high)."""
    classes = max(len(breaks) - 1, 1)
    rows = [
        ("#{:02x}{:02x}{:02x}".format(*_class_colour(i, classes)), formatter(breaks[i], breaks[i + 1]))
        for i in range(len(breaks) - 1)
    ]
    if no_data_label:
        rows.append(("#{:02x}{:02x}{:02x}".format(*NO_DATA), no_data_label))
    return rows


def legend_html(title: str, rows: list[tuple[str, str]], symbols: list[tuple[str, str, str]] = ()) -> str:
    """Return a small HTML legend: colour swatches for the choropleth, coloured glyphs for the point layers."""
    swatches = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{c};'
        f'margin-right:6px;vertical-align:middle;border:1px solid #666"></span>{label}</div>'
        for c, label in rows
    )
    points = "".join(
        f'<div><span style="display:inline-block;width:16px;text-align:center;font-weight:bold;'
        f'color:#fff;background:{c};border-radius:8px;margin-right:6px">{glyph}</span>{label}</div>'
        for c, glyph, label in symbols
    )
    return f'<div style="font-size:0.85rem;line-height:1.5"><b>{title}</b>{swatches}{points}</div>'
