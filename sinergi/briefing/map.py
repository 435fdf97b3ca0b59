"""The briefing map: extreme-poor households per desa as a static plotly figure (page, PDF and PPTX alike).

Desa are drawn as filled polygons on plain x/y axes (longitude/latitude, equal scale) rather than a geo or tile
subplot: nothing is fetched (plotly's geo subplots load base topojson from a CDN), and kaleido renders it as is.
Counts are put into the classes and palette the planner's map uses for the same indicator (at most five, edges that
do not overlap, hidden counts apart from missing ones) so a reader can match a desa to the legend by eye.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pandas as pd

from sinergi.common import plot as go
from sinergi.common.fmt import fmt_number
from sinergi.common.i18n import translate
from sinergi.common.map_classes import INDICATOR_PALETTES, MapClasses, classify, visible_number
from sinergi.common.suppressed import is_small_count

INDICATOR = "extreme_poor"  # the same palette and classes as that indicator on the planner's map


@lru_cache(maxsize=20_000)
def _outline(geojson: str) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    # Parsed once per process (a province has up to ~4,000 desa; a simplified outline is ~1 KB parsed): the page,
    # its aspect and the exports read the same outlines. Arrays, not lists: a figure of lists is deep-copied float
    # by float when Streamlit serialises it (~45 ms for a province's 3,700 desa), an array in one copy.
    return tuple(
        (np.array([p[0] for p in ring], dtype=float), np.array([p[1] for p in ring], dtype=float))
        for ring in _rings(json.loads(geojson))
    )


@lru_cache(maxsize=20_000)
def _closed_outline(geojson: str) -> tuple[np.ndarray, np.ndarray]:
    # every ring of one outline, each followed by a gap (NaN: plotly breaks the line and the fill there)
    rings = _outline(geojson)
    if not rings:
        return np.empty(0), np.empty(0)
    gap = np.array([np.nan])
    return (
        np.concatenate([part for xs, _ in rings for part in (xs, gap)]),
        np.concatenate([part for _, ys in rings for part in (ys, gap)]),
    )


@lru_cache(maxsize=20_000)
def _extent(geojson: str) -> tuple[float, float, float, float] | None:
    # (west, east, south, north) of one outline
    rings = _outline(geojson)
    if not rings:
        return None
    return (
        float(min(xs.min() for xs, _ in rings)),
        float(max(xs.max() for xs, _ in rings)),
        float(min(ys.min() for _, ys in rings)),
        float(max(ys.max() for _, ys in rings)),
    )


@lru_cache(maxsize=20_000)
def _centre(geojson: str) -> tuple[float, float]:
    # the hover point: the mean of the outline's longest ring
    rings = _outline(geojson)
    xs, ys = max(rings, key=lambda r: len(r[0])) if rings else (np.zeros(1), np.zeros(1))
    return float(xs.mean()), float(ys.mean())


def ground_bounds(by_desa: pd.DataFrame) -> tuple[float, float, float, float]:
    """Return (west, east, south, north) of the desa outlines."""
    extents = [e for e in map(_extent, by_desa["geometry_simplified_geojson"]) if e is not None]
    if not extents:
        return (0.0, 1.0, 0.0, 1.0)
    wests, easts, souths, norths = zip(*extents, strict=True)
    return (min(wests), max(easts), min(souths), max(norths))


def ground_aspect(by_desa: pd.DataFrame) -> float:
    """Return height / width of the desa's bounding box as it is on the ground (longitude shrunk by latitude)."""
    west, east, south, north = ground_bounds(by_desa)
    shrink = max(np.cos(np.radians((south + north) / 2)), 0.1)
    return max(north - south, 1e-6) / max((east - west) * shrink, 1e-6)


def map_classes(values: pd.Series) -> MapClasses:
    """Return the classes of extreme-poor households per desa, as on the planner's map."""
    return classify(values, INDICATOR_PALETTES[INDICATOR])


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def legend_title(lang: str, round_name: str) -> str:
    """Return the legend's title: what is counted, and under it its source (the survey of the round)."""
    source = translate("briefing.map_source", lang, round=round_name)
    return f"{translate('briefing.map_legend', lang)}<br>{source}"


def build_briefing_map(
    by_desa: pd.DataFrame,
    lang: str,
    round_name: str,
    value_col: str = "observed_extreme_poor_count",
    height: int = 460,
    font_size: int = 13,
    legend_below: bool = False,
) -> go.Figure:
    """Return a choropleth of value_col per desa (by_desa: briefing_extreme_poor_by_desa) with a class legend titled
    with its source, the survey of round_name (the planner's map of the same name shows the P3KE register)."""
    fig = go.Figure()
    values = by_desa[value_col]
    classes = map_classes(values)
    # classes from what the viewer may see (breakdown values); "<5" is its own grey class, never a number
    suppressed = values.map(is_small_count).astype(bool)
    missing = values.map(lambda v: visible_number(v) is None).astype(bool) & ~suppressed
    rows = classes.legend(
        lambda v: fmt_number(v, lang),
        translate("peta.legend.suppressed", lang) if suppressed.any() else None,
        translate("peta.legend.no_data", lang) if missing.any() else None,
    )
    fills = [classes.colour(v) for v in values]
    # every class's outlines in one array, in desa order as before
    class_parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {colour: [] for colour, _ in rows}
    for geojson, fill in zip(by_desa["geometry_simplified_geojson"], fills, strict=True):
        if fill in class_parts:
            class_parts[fill].append(_closed_outline(geojson))
    for colour, label in rows:
        parts = class_parts[colour]
        xs = np.concatenate([x for x, _ in parts]) if parts else np.array([np.nan])
        ys = np.concatenate([y for _, y in parts]) if parts else np.array([np.nan])
        fig.add_trace(
            go.Scatter(
                x=xs if len(xs) else np.array([np.nan]),
                y=ys if len(ys) else np.array([np.nan]),
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "#555555", "width": 0.6},
                name=label,
                hoverinfo="skip",
            )
        )
    centres = [_centre(g) for g in by_desa["geometry_simplified_geojson"]]
    centres_x = np.array([x for x, _ in centres], dtype=float)
    centres_y = np.array([y for _, y in centres], dtype=float)
    noun = translate("briefing.map_hover", lang)
    fig.add_trace(
        go.Scatter(
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
    )
    west, east, south, north = ground_bounds(by_desa)
    legend = (
        {"orientation": "h", "x": 0.0, "xanchor": "left", "y": 0.0, "yanchor": "top"}
        if legend_below
        else {"orientation": "v", "x": 1.0, "xanchor": "left", "y": 1.0}
    )
    fig.update_layout(
        template="plotly_white",
        font={"size": font_size},
        height=height,
        margin={"l": 0, "r": 0, "t": 4, "b": 0},
        # Below the map (the PDF and PPTX, which print the map's title above it) the legend has no title of its own:
        # beside the classes it took half the width of a tall region's map and pushed the last class past the
        # image's edge ("25–75" cut, walk1 item 5); without it the classes wrap within the width.
        legend={"title": {"text": "" if legend_below else legend_title(lang, round_name)}, **legend},
        separators=",." if lang == "id" else ".,",
        plot_bgcolor="white",
    )
    # The axes hug the desa, so the map fills its box: the exports size the box to the region's own shape.
    fig.update_xaxes(visible=False, range=[west, east], constrain="domain")
    # One degree of longitude is cos(latitude) degrees of latitude on the ground: keep shapes true.
    shrink = max(np.cos(np.radians((south + north) / 2)), 0.1)
    fig.update_yaxes(
        visible=False, range=[south, north], scaleanchor="x", scaleratio=1 / shrink, constrain="domain"
    )
    return fig
