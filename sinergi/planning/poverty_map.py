"""The Peta Sebaran deck: desa choropleth, extreme-poor density hexagons and place layers, offline by default."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable

import h3
import pandas as pd
import pydeck as pdk

from sinergi.common.chart_style import plot_numbers
from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.common.i18n import translate
from sinergi.common.suppressed import breakdown_value, is_count
from sinergi.planning.map_colours import class_breaks, colours_for, legend_entries, legend_html
from sinergi.planning.map_indicators import INDICATORS, PLACE_STYLES

REGION_LAYER = "wilayah"
DENSITY_LAYER = "kepadatan"
HEX_RESOLUTION = 7  # about 5 km2 per hexagon: coarse enough that no hexagon points at a single household
PROVINCE_HEX_RESOLUTION = 6  # about 36 km2: a whole province at resolution 7 would weigh over 1 MB
MIN_HEX_COUNT = 3  # hexagons with fewer households are dropped so that no one dwelling can be singled out
MAP_WIDTH_PX, MAP_HEIGHT_PX = 700, 560  # the map column on a 1366-pixel screen


def format_value(value: object, kind: str, lang: str) -> str:
    """Return an indicator value as the tooltip and legend show it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if is_count(value):  # a protected count: its breakdown value, "<5" for 1-4
        return fmt_number(value, lang)
    if kind == "pct":
        return fmt_pct(float(value), lang)
    if kind == "score":
        return fmt_number(float(value), lang, 1)
    return fmt_number(float(value), lang)


def _polygons(geojson: str) -> list[list]:
    geometry = json.loads(geojson)
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def region_rows(regions: pd.DataFrame, indicator: str, lang: str) -> list[dict]:
    """Return one PolygonLayer row per polygon: code, name, value, fill colour and pre-formatted tooltip lines."""
    spec = INDICATORS[indicator]
    # classes and the sent value from what the viewer may see of a count ("<5" as 4), never the true value
    drawn = pd.Series(plot_numbers(regions[spec.column]), index=regions.index, dtype="float64")
    breaks = class_breaks(drawn)
    fills = colours_for(drawn, breaks)
    label = translate(f"peta.indicator.{indicator}", lang)
    rows: list[dict] = []
    for (_, r), fill, number in zip(regions.iterrows(), fills, drawn, strict=True):
        value = r[spec.column]
        tooltip = {
            "title": translate("peta.tooltip.desa", lang, name=r["name"]),
            "line1": translate("peta.tooltip.kecamatan", lang, name=r["kecamatan_name"]),
            "line2": f"{label}: {format_value(value, spec.kind, lang)}",
            "line3": ""
            if indicator == "extreme_poor"
            else f"{translate('peta.indicator.extreme_poor', lang)}: "
            f"{fmt_number(r['extreme_poor_households_count'], lang)}",
        }
        for polygon in _polygons(r["geometry_geojson"]):
            rows.append(
                {
                    "desa_code": r["desa_code"],
                    "name": r["name"],
                    "value": None if pd.isna(number) else float(number),
                    "fill": fill,
                    "polygon": polygon,
                    **tooltip,
                }
            )
    return rows


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


def place_rows(places: pd.DataFrame, place_type: str, lang: str) -> list[dict]:
    """Return the point rows of one place type with its colour, glyph and tooltip."""
    colour, glyph = PLACE_STYLES[place_type]
    kind = translate(f"peta.place.{place_type}", lang)
    chosen = places[places["place_type"] == place_type]
    return [
        {
            "name": r["name"],
            "desa_code": r["desa_code"],
            "position": [float(r["lon"]), float(r["lat"])],
            "colour": [*colour, 235],
            "glyph": glyph,
            "title": r["name"],
            "line1": kind,
            "line2": translate("peta.tooltip.desa", lang, name=r["desa_name"]),
            "line3": "",
        }
        for _, r in chosen.iterrows()
    ]


def basemap_style_url() -> str | None:
    """Return the MapLibre style URL configured in $SINERGI_MAP_STYLE (an intranet tile server), else None."""
    return os.environ.get("SINERGI_MAP_STYLE") or None


def fit_view(lons: Iterable[float], lats: Iterable[float], margin_zoom: float = 0.3) -> pdk.ViewState:
    """Return a view centred on the bounds of the coordinates with a zoom that fits them in the map box."""
    lons, lats = list(lons), list(lats)
    if not lons:
        return pdk.ViewState(latitude=0, longitude=120, zoom=4)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_span = max(east - west, 0.01)
    lat_span = max(north - south, 0.01)
    zoom_x = math.log2(MAP_WIDTH_PX * 360 / (lon_span * 512))
    zoom_y = math.log2(MAP_HEIGHT_PX * 360 / (lat_span * 512))
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(min(zoom_x, zoom_y) - margin_zoom, 2),
    )


def _polygon_bounds(rows: list[dict]) -> tuple[list[float], list[float]]:
    lons, lats = [], []
    for row in rows:
        for lon, lat in row["polygon"][0]:
            lons.append(lon)
            lats.append(lat)
    return lons, lats


def build_poverty_map(
    regions: pd.DataFrame,
    places: pd.DataFrame,
    layers: Iterable[str],
    indicator: str,
    lang: str,
    hexagons: list[dict] | None = None,
    focus: str | None = None,
    map_style_url: str | None = None,
) -> pdk.Deck:
    """Return the deck: choropleth of regions by indicator, optional density hexagons and chosen place layers.

    focus is a desa code to outline and fit; map_style_url a MapLibre style served on the intranet (else no basemap).
    """
    region_data = region_rows(regions, indicator, lang)
    deck_layers = [
        pdk.Layer(
            "PolygonLayer",
            id=REGION_LAYER,
            data=region_data,
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color=[255, 255, 255, 220],
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
    ]
    if hexagons:
        deck_layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=DENSITY_LAYER,
                data=hexagons,
                get_position="position",
                get_radius="radius_m",
                # Vermillion, apart from the viridis choropleth; white rims keep neighbouring circles apart.
                get_fill_color=[213, 94, 0, 200],
                get_line_color=[255, 255, 255, 230],
                stroked=True,
                line_width_min_pixels=1,
                # Not pickable: a click must reach the desa below and open its profile.
                pickable=False,
            )
        )
    focus_rows = [r for r in region_data if r["desa_code"] == focus]
    if focus_rows:
        deck_layers.append(
            pdk.Layer(
                "PolygonLayer",
                id="pilihan",
                data=focus_rows,
                get_polygon="polygon",
                filled=False,
                get_line_color=[213, 94, 0, 255],
                line_width_min_pixels=4,
            )
        )
    for place_type in layers:
        data = place_rows(places, place_type, lang)
        if not data:
            continue
        deck_layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=f"tempat_{place_type}",
                data=data,
                get_position="position",
                get_fill_color="colour",
                get_line_color=[255, 255, 255, 255],
                stroked=True,
                line_width_min_pixels=1,
                radius_min_pixels=8,
                radius_max_pixels=12,
                get_radius=400,
                pickable=True,
            )
        )
        deck_layers.append(
            pdk.Layer(
                "TextLayer",
                id=f"simbol_{place_type}",
                data=data,
                get_position="position",
                get_text="glyph",
                get_size=13,
                get_color=[255, 255, 255, 255],
                # No font_family/font_weight strings: pydeck would turn them into expressions and drop the text.
                font_weight=700,
            )
        )
    lons, lats = _polygon_bounds(focus_rows or region_data)
    # A selected desa is shown with its neighbours around it, so the planner keeps their bearings.
    view = fit_view(lons, lats, 1.6 if focus_rows else 0.3)
    # Streamlit escapes substituted values, so the markup lives in the template and the rows carry plain text.
    tooltip = {"html": "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}", "style": {"fontSize": "13px"}}
    if map_style_url:
        return pdk.Deck(
            layers=deck_layers,
            initial_view_state=view,
            map_provider="carto",
            map_style=map_style_url,
            tooltip=tooltip,
        )
    # No map_style at all: pydeck then sends its "__MAP_STYLE__" sentinel, which Streamlit reads as "no basemap".
    # map_style=None would make Streamlit fetch a Carto style from the internet.
    return pdk.Deck(layers=deck_layers, initial_view_state=view, map_provider=None, tooltip=tooltip)


def build_legend(
    regions: pd.DataFrame, indicator: str, layers: Iterable[str], lang: str, density: bool
) -> str:
    """Return the HTML legend of the deck: indicator classes, density outline and the place symbols shown."""
    spec = INDICATORS[indicator]
    breaks = class_breaks(pd.Series(plot_numbers(regions[spec.column]), dtype="float64"))

    def label(low: float, high: float) -> str:
        return f"{format_value(low, spec.kind, lang)} – {format_value(high, spec.kind, lang)}"

    rows = legend_entries(breaks, label, translate("peta.legend.no_data", lang))
    symbols = [
        (
            "#{:02x}{:02x}{:02x}".format(*PLACE_STYLES[t][0]),
            PLACE_STYLES[t][1],
            translate(f"peta.place.{t}", lang),
        )
        for t in layers
    ]
    if density:
        symbols.append(("#d55e00", "●", translate("peta.legend.density", lang)))
    return legend_html(translate(f"peta.indicator.{indicator}", lang), rows, symbols)
