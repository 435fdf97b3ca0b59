"""Map classes shared by every map (the planner's deck and the briefing's figure): one palette per indicator,
quantile classes whose edges never overlap (0–3, 4–9, 10–20), and a class for counts hidden from the viewer (<5)
kept apart from desa without data."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sinergi.common.suppressed import BASE, breakdown_value, is_count, is_rounded_count, is_small_count

# ColorBrewer sequential ramps, five classes each: colour-blind safe and still ordered when printed in grey.
PALETTES: dict[str, tuple[str, ...]] = {
    "OrRd": ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),
    "Reds": ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"),
    "PuRd": ("#f1eef6", "#d7b5d8", "#df65b0", "#dd1c77", "#980043"),
    "RdPu": ("#feebe2", "#fbb4b9", "#f768a1", "#c51b8a", "#7a0177"),
    "Purples": ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
    "Blues": ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
    "YlGn": ("#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837"),
    "YlGnBu": ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    "YlOrBr": ("#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"),
    "GnBu": ("#f0f9e8", "#bae4bc", "#7bccc4", "#43a2ca", "#0868ac"),
    "BuPu": ("#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"),
    "YlOrRd": ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
}
# The palette of each map indicator, on every map that shows it (the briefing's map is `extreme_poor`).
INDICATOR_PALETTES: dict[str, str] = {
    "extreme_poor": "OrRd",
    "extreme_poor_share": "Reds",
    "verified_targets": "PuRd",
    "reached_share": "Blues",
    "food_potential": "YlGn",
    "no_electricity": "YlOrBr",
    "energy_ease": "YlGnBu",
    "health_need": "RdPu",
    "stunting": "Purples",
    "umkm_marketing": "GnBu",
    "umkm_poor_producers": "BuPu",
    "target_score": "YlOrRd",
}
SUPPRESSED_COLOUR = "#8c8c8c"  # counts of 1–4 hidden from this viewer
NO_DATA_COLOUR = "#e6e6e6"  # no value at all
CLASSES = 5


@dataclass(frozen=True)
class MapClasses:
    """Classes [low, high] in display steps; a value belongs to the last class whose low it reaches."""

    lows: tuple[float, ...]
    highs: tuple[float, ...]
    colours: tuple[str, ...]
    step: float

    def index(self, value: object) -> int | None:
        """Return the class of a value, or None for a missing or suppressed one."""
        number = visible_number(value)
        if number is None or not self.lows:
            return None
        rounded = _to_step(number, self.step)
        return max(0, int(np.searchsorted(np.array(self.lows), rounded, side="right")) - 1)

    def colour(self, value: object) -> str:
        """Return the fill of a value: its class colour, the suppressed grey or the no-data grey."""
        if is_small_count(value):
            return SUPPRESSED_COLOUR
        klass = self.index(value)
        return NO_DATA_COLOUR if klass is None else self.colours[klass]

    def legend(
        self, fmt: Callable[[float], str], suppressed_label: str | None, no_data_label: str | None
    ) -> list[tuple[str, str]]:
        """Return (colour, label) rows: one per class ("4–9", or "12" for a one-value class), then the greys."""
        rows = [
            (colour, fmt(low) if math.isclose(low, high) else f"{fmt(low)}–{fmt(high)}")
            for low, high, colour in zip(self.lows, self.highs, self.colours, strict=True)
        ]
        if suppressed_label:
            rows.append((SUPPRESSED_COLOUR, suppressed_label))
        if no_data_label:
            rows.append((NO_DATA_COLOUR, no_data_label))
        return rows


def visible_number(value: object) -> float | None:
    """Return the number a viewer may see of a value: a protected count's breakdown value (None for "<5"), a
    plain number as it is, None for a missing one. Classes are made from these, never from hidden true values."""
    if is_count(value):
        value = breakdown_value(value)
    if value is None or isinstance(value, str):
        return None
    number = float(value)  # type: ignore[arg-type]  # a number or a numpy scalar from a table cell
    return None if math.isnan(number) else number


def _to_step(value: float, step: float) -> float:
    return round(round(value / step) * step, 10)


def classify(values: Iterable[object], palette: str, step: float = 1.0, classes: int = CLASSES) -> MapClasses:
    """Return quantile classes of the values (suppressed and missing ones left out), edges rounded to `step`.

    Ties and few distinct values give fewer classes; colours are spread over the palette so that the darkest
    class is always the palette's darkest. Counts the viewer sees rounded to a multiple of BASE step by BASE: a
    class "5–6" or "7–10" over values that only read 5, 10, 15 would name numbers no desa shows.
    """
    values = list(values)
    if any(is_rounded_count(v) for v in values):
        step = max(step, BASE)
    numbers = [visible_number(v) for v in values]
    finite = pd.Series([_to_step(v, step) for v in numbers if v is not None], dtype="float64")
    if finite.empty:
        return MapClasses((), (), (), step)
    low, high = float(finite.min()), float(finite.max())
    cuts = np.quantile(finite, [i / classes for i in range(1, classes)])
    lows = sorted({low, *(_to_step(c, step) for c in cuts if low < _to_step(c, step) <= high)})
    highs = [_to_step(nxt - step, step) for nxt in lows[1:]] + [high]
    ramp = PALETTES[palette]
    spread = [ramp[len(ramp) // 2]] if len(lows) == 1 else [
        ramp[round(i * (len(ramp) - 1) / (len(lows) - 1))] for i in range(len(lows))
    ]  # fmt: skip
    return MapClasses(tuple(lows), tuple(highs), tuple(spread), step)


def hex_to_rgba(colour: str, alpha: int = 200) -> list[int]:
    """Return [r, g, b, a] of a #rrggbb colour (for deck.gl layers)."""
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]
