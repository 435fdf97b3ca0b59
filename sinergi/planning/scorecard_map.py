"""The scorecard's choropleth: one polygon per kabupaten/kota coloured by a scorecard measure, offline by default.

A country of 514 kabupaten at desa detail would weigh hundreds of MB; the map aggregates to kabupaten and simplifies
their outlines to the zoom it opens at, so the whole nation stays well under 5 MB.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from sinergi.common.i18n import translate
from sinergi.common.map_classes import classify, hex_to_rgba, visible_number
from sinergi.common.suppressed import is_small_count
from sinergi.planning.map_colours import legend_html
from sinergi.planning.map_view import CompactDeck, basemap_style_url, fit_view

LAYER = "rapor"
# about 2 km for a country, 500 m for a province: finer than a pixel at the zoom each opens at
NATIONAL_TOLERANCE_DEG, PROVINCE_TOLERANCE_DEG = 0.02, 0.005


def outline_rows(shapes: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Return kabupaten_code, name and a list of simplified polygons (coordinates to 4 decimals) per kabupaten."""
    geoms = shapely.from_geojson(shapes["geometry_geojson"].to_numpy())
    simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    polygons = []
    for geom in simple:
        parts = shapely.get_parts(geom)
        rings = [np.round(shapely.get_coordinates(shapely.get_exterior_ring(p)), 4).tolist() for p in parts]
        polygons.append([r for r in rings if len(r) >= 4])
    return pd.DataFrame(
        {"kabupaten_code": shapes["kabupaten_code"].to_numpy(), "name": shapes["name"], "polygons": polygons}
    )


def build_scorecard_map(
    shapes: pd.DataFrame,
    values: pd.Series,
    labels: pd.Series,
    title: str,
    national: bool,
    palette: str = "OrRd",
) -> pdk.Deck:
    """Return the deck: kabupaten polygons filled by `values` (indexed by kabupaten_code; protected counts are
    classed by what the viewer sees, "<5" in the suppressed grey) in quantile classes of `palette`, with `labels`
    (formatted values, same index) in the tooltip under `title`."""
    outlines = outline_rows(shapes, NATIONAL_TOLERANCE_DEG if national else PROVINCE_TOLERANCE_DEG)
    value = [values.get(code) for code in outlines["kabupaten_code"]]
    classes = classify(value, palette)
    fills = [hex_to_rgba(classes.colour(v)) for v in value]
    rows = [
        {
            "kabupaten_code": code,
            "polygon": polygon,
            "fill": fill,
            "title": name,
            "line1": f"{title}: {labels.get(code, '–')}",
        }
        for code, name, polygons, fill in zip(
            outlines["kabupaten_code"], outlines["name"], outlines["polygons"], fills, strict=True
        )
        for polygon in polygons
    ]
    layer = pdk.Layer(
        "PolygonLayer",
        id=LAYER,
        data=rows,
        get_polygon="polygon",
        get_fill_color="fill",
        get_line_color=[255, 255, 255, 200],
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )
    lons = [p[0] for r in rows for p in r["polygon"]]
    lats = [p[1] for r in rows for p in r["polygon"]]
    view = fit_view(lons, lats)
    tooltip = {"html": "<b>{title}</b><br/>{line1}", "style": {"fontSize": "13px"}}
    style = basemap_style_url()
    if style:
        return CompactDeck(
            layers=[layer], initial_view_state=view, map_provider="carto", map_style=style, tooltip=tooltip
        )
    # no map_style at all: Streamlit then draws no basemap (map_style=None would fetch one from the internet)
    return CompactDeck(layers=[layer], initial_view_state=view, map_provider=None, tooltip=tooltip)


def build_scorecard_legend(
    values: pd.Series, title: str, palette: str, label: Callable[[float], str], lang: str
) -> str:
    """Return the HTML legend of the scorecard map: the classes `build_scorecard_map` fills with (each edge written
    by `label`, as the table writes the measure), then hidden and missing values when there are any."""
    classes = classify(list(values), palette)
    hidden = values.map(is_small_count).astype(bool)
    missing = values.map(lambda v: visible_number(v) is None).astype(bool) & ~hidden
    rows = classes.legend(
        label,
        translate("peta.legend.suppressed", lang) if hidden.any() else None,
        translate("peta.legend.no_data", lang) if missing.any() else None,
    )
    return legend_html(title, rows)


def payload_bytes(deck: pdk.Deck) -> int:
    """Return the size of the deck's JSON as sent to the browser."""
    return len(json.dumps(json.loads(deck.to_json())).encode())
