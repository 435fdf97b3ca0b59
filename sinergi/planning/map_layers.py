"""The deck's layers around the choropleth: kabupaten and kecamatan outlines with names, place markers, the
outline of the chosen desa and the ring around a chosen place."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from sinergi.common.i18n import translate
from sinergi.planning.map_indicators import PLACE_STYLES
from sinergi.planning.map_view import parsed_geometry

CONTEXT_LAYER = "batas"
NAMES_LAYER = "nama_wilayah"
FOCUS_LAYER = "pilihan"
PLACE_FOCUS_LAYER = "tempat_pilihan"
# Outlines: dark enough to read over every palette, kabupaten twice as thick as kecamatan.
OUTLINE_COLOUR = [40, 40, 40, 230]
OUTLINE_PX = {"kabupaten": 2.5, "kecamatan": 1.0}
FOCUS_COLOUR = [0, 114, 178, 255]  # Okabe-Ito blue: apart from every sequential palette
NAME_PX = {"kabupaten": 15, "kecamatan": 13}  # the size a region's name is written at
# A bold Source Sans letter is a little over half its size wide on average; the gap keeps two kept names apart.
CHAR_WIDTH = 0.58
NAME_GAP_PX = 6
PIXELS = '"pixels"'  # quoted: pydeck reads a bare string as a data accessor
# Streamlit's own face (served by the app itself, already loaded for the page text), then the system sans-serifs:
# deck.gl's default is Monaco/monospace. Quoted for pydeck; no quotes inside (pydeck would read an expression).
MAP_FONT = '"Source Sans, Source Sans Pro, Helvetica Neue, Helvetica, Arial, Liberation Sans, sans-serif"'


def _rings(geojson: str) -> list[list]:
    geometry = parsed_geometry(geojson)
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def context_layers(outlines: pd.DataFrame) -> list[pdk.Layer]:
    """Return the outline layer: kabupaten thick, kecamatan thin (outlines: queries/region_outlines.sql). Not
    pickable: a click reaches the desa below."""
    paths = [
        {"path": ring, "width": OUTLINE_PX[r.level], "level": r.level}
        for r in outlines.itertuples(index=False)
        for ring in _rings(r.geometry_geojson)
    ]
    return [
        pdk.Layer(
            "PathLayer",
            id=CONTEXT_LAYER,
            data=paths,
            get_path="path",
            get_width="width",
            width_units=PIXELS,
            get_color=OUTLINE_COLOUR,
            pickable=False,
        )
    ]


def name_layers(outlines: pd.DataFrame, named_level: str, zoom: float) -> list[pdk.Layer]:
    """Return the names of the `named_level` regions that can be read at the view's zoom: where two names would
    overlap on screen (a province's kabupaten), the larger region's name is written (readable_names). Not pickable."""
    size = NAME_PX[named_level]
    named = [r for r in outlines.itertuples(index=False) if r.level == named_level]
    candidates = [
        (
            r.name,
            float(r.centroid_lon),
            float(r.centroid_lat),
            sum(map(_ring_area, _rings(r.geometry_geojson))),
        )
        for r in named
    ]
    kept = readable_names(candidates, zoom, size)
    names = [{"name": name, "position": [lon, lat]} for name, lon, lat, _ in kept]
    return [
        pdk.Layer(
            "TextLayer",
            id=NAMES_LAYER,
            data=names,
            get_position="position",
            get_text="name",
            get_size=size,
            get_color=[20, 20, 20, 255],
            outline_width=4,
            outline_color=[255, 255, 255, 230],
            font_settings={"sdf": True},
            font_family=MAP_FONT,
            font_weight=700,
            pickable=False,
        )
    ]


def _ring_area(ring: list) -> float:
    # the shoelace area in square degrees: a measure to rank the regions of one map by, not a surface
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return abs(sum(xs[i] * ys[i - 1] - xs[i - 1] * ys[i] for i in range(len(ring)))) / 2


def screen_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Return where a point is drawn at zoom, in pixels of the Web Mercator world (as deck.gl's MapView draws it)."""
    world = 512 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))
    return (lon + 180) / 360 * world, (1 - y / math.pi) / 2 * world


def name_box(
    name: str, lon: float, lat: float, zoom: float, size: float
) -> tuple[float, float, float, float]:
    """Return the screen box (left, top, right, bottom in pixels) a name centred on its point takes at zoom, with
    its white outline and a gap of NAME_GAP_PX around it."""
    x, y = screen_px(lon, lat, zoom)
    half_w = len(name) * size * CHAR_WIDTH / 2 + NAME_GAP_PX
    half_h = size * 0.6 + NAME_GAP_PX
    return x - half_w, y - half_h, x + half_w, y + half_h


def readable_names(
    candidates: list[tuple[str, float, float, float]], zoom: float, size: float
) -> list[tuple[str, float, float, float]]:
    """Return the (name, lon, lat, area) candidates to write at zoom: the larger regions first, each name kept only
    when its box touches no kept one (a smaller region's name shows once the view is closer, e.g. on its own)."""
    kept: list[tuple[str, float, float, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for candidate in sorted(candidates, key=lambda c: -c[3]):
        box = name_box(candidate[0], candidate[1], candidate[2], zoom, size)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1] for b in boxes):
            kept.append(candidate)
            boxes.append(box)
    return kept


def place_rows(places: pd.DataFrame, place_type: str, lang: str) -> list[dict]:
    """Return the point rows of one place type with its colour, glyph and tooltip."""
    colour, glyph = PLACE_STYLES[place_type]
    kind = translate(f"peta.place.{place_type}", lang)
    chosen = places[places["place_type"] == place_type]
    open_place = translate("peta.tooltip.open_place", lang)
    columns = ("place_id", "name", "desa_code", "lon", "lat", "desa_name")
    # by column, not iterrows (a Series per row): a province has ~400 places
    return [
        {
            "place_id": place_id,
            "name": name,
            "desa_code": desa_code,
            "position": [float(lon), float(lat)],
            "colour": [*colour, 235],
            "glyph": glyph,
            "title": name,
            "line1": kind,
            "line2": translate("peta.tooltip.desa", lang, name=desa_name),
            "line3": open_place,
        }
        for place_id, name, desa_code, lon, lat, desa_name in zip(
            *(chosen[c].tolist() for c in columns), strict=True
        )
    ]


def place_layers(
    places: pd.DataFrame, place_types: list[str], lang: str, small: bool, id_suffix: str = ""
) -> list[pdk.Layer]:
    """Return a marker layer (pickable: a click opens the place) and a glyph layer per place type.

    small draws the markers smaller (a whole province), so that they cover less of the desa a planner clicks;
    id_suffix is added to the marker layers' ids (poverty_map.selection_suffix)."""
    layers = []
    for place_type in place_types:
        data = place_rows(places, place_type, lang)
        if not data:
            continue
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=f"tempat_{place_type}{id_suffix}",
                data=data,
                get_position="position",
                get_fill_color="colour",
                get_line_color=[255, 255, 255, 255],
                stroked=True,
                line_width_min_pixels=1,
                radius_units=PIXELS,
                get_radius=6 if small else 9,
                pickable=True,
                auto_highlight=True,
            )
        )
        layers.append(
            pdk.Layer(
                "TextLayer",
                id=f"simbol_{place_type}",
                # the glyph needs no tooltip: position and letter only (half of a province's marker payload)
                data=[{"position": row["position"], "glyph": row["glyph"]} for row in data],
                get_position="position",
                get_text="glyph",
                get_size=9 if small else 12,
                get_color=[255, 255, 255, 255],
                font_family=MAP_FONT,
                font_weight=700,  # a number: a bare string would be read as an expression and drop the text
                pickable=False,
            )
        )
    return layers


def focus_layers(desa_rows: list[dict], place: dict | None) -> list[pdk.Layer]:
    """Return the thick outline of the chosen desa and a ring around the chosen place (none when nothing is)."""
    layers = []
    if desa_rows:
        layers.append(
            pdk.Layer(
                "PolygonLayer",
                id=FOCUS_LAYER,
                data=desa_rows,
                get_polygon="polygon",
                filled=False,
                get_line_color=FOCUS_COLOUR,
                line_width_min_pixels=4,
                pickable=False,
            )
        )
    if place:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=PLACE_FOCUS_LAYER,
                data=[place],
                get_position="position",
                filled=False,
                stroked=True,
                get_line_color=FOCUS_COLOUR,
                line_width_min_pixels=3,
                radius_units=PIXELS,
                get_radius=16,
                pickable=False,
            )
        )
    return layers
