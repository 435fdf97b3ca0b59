"""The briefing map: extreme-poor households per desa as a static plotly figure (page, PDF and PPTX alike).

Desa are drawn as filled polygons on plain x/y axes (longitude/latitude, equal scale) rather than a geo or tile
subplot: nothing is fetched (plotly's geo subplots load base topojson from a CDN), and kaleido renders it as is.
Counts are put into five classes so a reader can match a desa to the legend by eye, on screen and on paper.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sinergi.common.chart_style import plot_numbers
from sinergi.common.fmt import fmt_number
from sinergi.common.i18n import translate

# ColorBrewer OrRd, five classes: sequential, colour-blind safe and still ordered when printed in grey.
CLASS_COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")


def class_breaks(values: pd.Series, classes: int = len(CLASS_COLOURS)) -> list[int]:
    """Return the upper bounds of the first classes-1 classes: quantiles rounded to a readable step, distinct."""
    clean = pd.Series(values, dtype="float64").dropna()
    if clean.empty or clean.max() <= 0:
        return []
    raw = np.quantile(clean, [i / classes for i in range(1, classes)])
    step = 5 if clean.max() <= 200 else 10
    rounded = sorted({int(max(step, round(v / step) * step)) for v in raw})
    return [b for b in rounded if b < clean.max()]


def class_labels(breaks: list[int], lang: str = "id") -> list[str]:
    """Return one legend label per class: 0–25, 26–50, …, > 200."""
    labels, low = [], 0
    for high in breaks:
        labels.append(f"{fmt_number(low, lang)}–{fmt_number(high, lang)}")
        low = high + 1
    labels.append(f"> {fmt_number(breaks[-1], lang)}" if breaks else f"≥ {fmt_number(0, lang)}")
    return labels


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def build_briefing_map(
    by_desa: pd.DataFrame,
    lang: str = "id",
    value_col: str = "observed_extreme_poor_count",
    height: int = 460,
    font_size: int = 13,
) -> go.Figure:
    """Return a choropleth of value_col per desa (by_desa: briefing_extreme_poor_by_desa) with a class legend."""
    fig = go.Figure()
    # classes from what the viewer may see (a protected count's breakdown value, "<5" drawn as 4), not the truth
    drawn = pd.Series(plot_numbers(by_desa[value_col]), dtype="float64").fillna(0)
    breaks = class_breaks(drawn)
    labels = class_labels(breaks, lang)
    classes = np.searchsorted(np.array(breaks), drawn.to_numpy(), side="left")
    geometries = [json.loads(g) for g in by_desa["geometry_simplified_geojson"]]
    centres_x, centres_y = [], []
    for no, (label, colour) in enumerate(zip(labels, CLASS_COLOURS, strict=False)):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for geometry, klass in zip(geometries, classes, strict=True):
            if klass != no:
                continue
            for ring in _rings(geometry):
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        fig.add_scatter(
            x=xs or [None],
            y=ys or [None],
            mode="lines",
            fill="toself",
            fillcolor=colour,
            line={"color": "#555555", "width": 0.6},
            name=label,
            hoverinfo="skip",
        )
    for geometry in geometries:
        ring = np.array(max(_rings(geometry), key=len)) if _rings(geometry) else np.zeros((1, 2))
        centres_x.append(float(ring[:, 0].mean()))
        centres_y.append(float(ring[:, 1].mean()))
    noun = translate("briefing.map_hover", lang)
    fig.add_scatter(
        x=centres_x,
        y=centres_y,
        mode="markers",
        marker={"size": 6, "opacity": 0},
        showlegend=False,
        hovertext=[
            f"{name} ({kec}): {fmt_number(v, lang)} {noun}"
            for name, kec, v in zip(
                by_desa["name"], by_desa["kecamatan_name"], by_desa[value_col], strict=True
            )
        ],
        hoverinfo="text",
    )
    mid_lat = float(np.mean(centres_y)) if centres_y else 0.0
    fig.update_layout(
        template="plotly_white",
        font={"size": font_size},
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={
            "title": {"text": translate("briefing.map_legend", lang)},
            "orientation": "v",
            "x": 1.0,
            "xanchor": "left",
            "y": 1.0,
        },
        separators=",." if lang == "id" else ".,",
        plot_bgcolor="white",
    )
    fig.update_xaxes(visible=False)
    # One degree of longitude is cos(latitude) degrees of latitude on the ground: keep shapes true.
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / max(np.cos(np.radians(mid_lat)), 0.1))
    return fig
