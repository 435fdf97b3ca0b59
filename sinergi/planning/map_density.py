"""The extreme-poor density layer: households per H3 hexagon, counted before the access rules and drawn as circles."""

from __future__ import annotations

import math
from collections.abc import Callable

import h3
import pandas as pd

from sinergi.common.chart_style import plot_numbers
from sinergi.common.fmt import fmt_number
from sinergi.common.suppressed import breakdown_value

HEX_RESOLUTION = 7  # about 5 km2 per hexagon: coarse enough that no hexagon points at a single household
PROVINCE_HEX_RESOLUTION = 6  # about 36 km2: a whole province at resolution 7 would weigh over 1 MB
MIN_HEX_COUNT = 3  # hexagons with fewer households are dropped so that no one dwelling can be singled out


def hex_resolution(region_code: str) -> int:
    """Return the H3 resolution for a region: coarser for a whole province."""
    return PROVINCE_HEX_RESOLUTION if "." not in region_code else HEX_RESOLUTION


def hexagon_counter(resolution: int = HEX_RESOLUTION) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Return the aggregate that turns household positions into households per H3 hexagon (hexagons of fewer than
    MIN_HEX_COUNT dropped): `load` runs it before the access rules, so positions never leave the data layer."""

    def count(points: pd.DataFrame) -> pd.DataFrame:
        cells = [
            h3.latlng_to_cell(la, lo, resolution) for lo, la in zip(points["lon"], points["lat"], strict=True)
        ]
        counts = pd.Series(cells, dtype=object).value_counts()
        counts = counts[counts >= MIN_HEX_COUNT]
        return pd.DataFrame(
            {"hexagon": counts.index.astype(str), "households_count": counts.to_numpy(dtype=int)}
        )

    return count


def hexagon_rows(counts: pd.DataFrame, resolution: int = HEX_RESOLUTION, lang: str = "id") -> list[dict]:
    """Return the density layer rows from households per hexagon (hexagon_counter): what the viewer may see of
    each count (a protected count's breakdown value; "<5" drawn as 4 and labelled), never the true value."""
    if counts.empty:
        return []
    drawn = plot_numbers(counts["households_count"])
    top = max(drawn) or 1.0
    # Circle area proportional to the count; the largest just fills its hexagon, so circles never overlap.
    largest_m = 0.85 * 1000 * h3.average_hexagon_edge_length(resolution, unit="km")  # the inscribed circle
    rows = []
    for cell, value, number in zip(counts["hexagon"], counts["households_count"], drawn, strict=True):
        lat, lon = h3.cell_to_latlng(cell)
        shown = breakdown_value(value)
        rows.append(
            {
                "hexagon": cell,
                "count": shown,
                "count_label": fmt_number(value, lang),
                "position": [round(lon, 5), round(lat, 5)],
                "radius_m": round(largest_m * math.sqrt(number / top), 1),
            }
        )
    return rows
