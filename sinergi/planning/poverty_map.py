"""The Peta Sebaran deck: desa choropleth, extreme-poor density hexagons and place layers, offline by default.

The density layer's rows come from map_density, the view and the deck's JSON from map_view."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import pydeck as pdk

from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.common.i18n import translate
from sinergi.common.map_classes import INDICATOR_PALETTES, MapClasses, classify, hex_to_rgba
from sinergi.common.suppressed import breakdown_value, is_count, is_share, is_small_count
from sinergi.planning.map_areas import area_tooltip, simplified_polygons
from sinergi.planning.map_colours import legend_html
from sinergi.planning.map_indicators import INDICATORS, PLACE_STYLES
from sinergi.planning.map_layers import (
    OUTLINE_COLOUR,
    context_layers,
    focus_layers,
    name_layers,
    place_layers,
)
from sinergi.planning.map_view import (
    CompactDeck,
    extent_bounds,
    fit_view,
    parsed_geometry,
    polygon_bounds,
    selection_suffix,
)

REGION_LAYER = "wilayah"
DENSITY_LAYER = "kepadatan"


def format_value(value: object, kind: str, lang: str) -> str:
    """Return an indicator value as the tooltip and legend show it ("<5" for a suppressed count)."""
    if is_small_count(value):
        return fmt_number(value, lang)
    if is_share(value):  # rounded to 5 points, or withheld (a word)
        return fmt_pct(value, lang)
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
    geometry = parsed_geometry(geojson)
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _sent_value(value: object) -> float | None:
    """Return what the deck may carry of a value: a protected count's breakdown value, None for "<5" or none."""
    shown = breakdown_value(value) if is_count(value) else value
    return None if shown is None or pd.isna(shown) else float(shown)


def indicator_classes(regions: pd.DataFrame, indicator: str) -> MapClasses:
    """Return the map classes of an indicator over the regions shown, in the indicator's own palette."""
    spec = INDICATORS[indicator]
    return classify(regions[spec.column], INDICATOR_PALETTES[indicator], 1.0 if spec.kind == "count" else 0.1)


def region_rows(regions: pd.DataFrame, indicator: str, lang: str) -> list[dict]:
    """Return one PolygonLayer row per polygon: code, name, value, fill colour and pre-formatted tooltip lines.

    regions: desa (queries/location_indicators.sql, rows keyed by desa_code) or areas
    (queries/location_indicators_by_area.sql, keyed by area_code: a click on one opens it)."""
    spec = INDICATORS[indicator]
    classes = indicator_classes(regions, indicator)
    label = translate(f"peta.indicator.{indicator}", lang)
    open_hint = translate("peta.tooltip.open_desa", lang)
    rows: list[dict] = []
    if "area_code" in regions.columns:
        for r in regions.itertuples(index=False):
            value = getattr(r, spec.column)
            tooltip = area_tooltip(r, f"{label}: {format_value(value, spec.kind, lang)}", lang)
            fill = hex_to_rgba(classes.colour(value), 210)
            rows += [
                {"area_code": r.area_code, "name": r.name, "value": _sent_value(value), "fill": fill}
                | {"polygon": polygon, **tooltip}
                for polygon in simplified_polygons(r.geometry_geojson)
            ]
        return rows
    for r in regions.itertuples(index=False):
        value = getattr(r, spec.column)
        tooltip = {
            "title": translate("peta.tooltip.desa", lang, name=r.name),
            "line1": translate("peta.tooltip.kecamatan", lang, name=r.kecamatan_name),
            "line2": f"{label}: {format_value(value, spec.kind, lang)}",
            "line3": open_hint
            if indicator == "extreme_poor"
            else f"{translate('peta.indicator.extreme_poor', lang)}: "
            f"{fmt_number(r.extreme_poor_households_count, lang)} · {open_hint}",
        }
        fill = hex_to_rgba(classes.colour(value), 210)
        for polygon in _polygons(r.geometry_geojson):
            rows.append(
                {
                    "desa_code": r.desa_code,
                    "name": r.name,
                    "value": _sent_value(value),
                    "fill": fill,
                    "polygon": polygon,
                    **tooltip,
                }
            )
    return rows


def build_poverty_map(
    regions: pd.DataFrame,
    places: pd.DataFrame,
    layers: Iterable[str],
    indicator: str,
    lang: str,
    hexagons: list[dict] | None = None,
    focus: str | None = None,
    map_style_url: str | None = None,
    outlines: pd.DataFrame | None = None,
    place: str | None = None,
    zoom_to_focus: bool = True,
    fit_to: pd.DataFrame | None = None,
) -> pdk.Deck:
    """Return the deck: choropleth of desa (or of the areas of a large region, map_areas) by indicator,
    kabupaten/kecamatan outlines and names, optional density
    hexagons, the chosen place layers and the chosen desa (focus) and place outlined.

    zoom_to_focus fits the view on the chosen desa (chosen from a list); a desa clicked on the map keeps the view
    the planner was looking at. fit_to (desa rows with geometry) sets the view when it should cover more than the
    desa coloured (the whole kabupaten around a shortlist). map_style_url is a MapLibre style served on the
    intranet (else no basemap).
    """
    region_data = region_rows(regions, indicator, lang)
    by_area = "area_level" in regions.columns and len(regions) > 0
    suffix = selection_suffix(focus, place)
    deck_layers = [
        pdk.Layer(
            "PolygonLayer",
            # its own id on an area map: the map component drops a selection whose layer is gone, so the area
            # clicked is not left selected among the desa drawn after it
            id=f"{REGION_LAYER}_{regions['area_level'].iloc[0]}{suffix}"
            if by_area
            else REGION_LAYER + suffix,
            data=region_data,
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color=[255, 255, 255, 200],
            line_width_min_pixels=0.5,
            pickable=True,
            auto_highlight=True,
        )
    ]
    named = None
    if outlines is not None and by_area:  # the areas draw their own borders: keep the levels above them
        outlines = outlines[~outlines["level"].isin(set(regions["area_level"]))]
    if outlines is not None and len(outlines):
        named = "kabupaten" if (outlines["level"] == "kabupaten").sum() > 1 else "kecamatan"
        deck_layers += context_layers(outlines)  # outlines over the desa; names last: above the markers
    if hexagons:
        deck_layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=DENSITY_LAYER,
                data=hexagons,
                get_position="position",
                get_radius="radius_m",
                # Vermillion, apart from the sequential palettes; white rims keep neighbouring circles apart.
                get_fill_color=[213, 94, 0, 200],
                get_line_color=[255, 255, 255, 230],
                stroked=True,
                line_width_min_pixels=1,
                # Not pickable: a click must reach the desa below and open its profile.
                pickable=False,
            )
        )
    shown_places = list(layers)
    deck_layers += place_layers(
        places, shown_places, lang, small=by_area or len(regions) > 200, id_suffix=suffix
    )
    focus_rows = [r for r in region_data if focus is not None and r.get("desa_code") == focus]
    chosen_place = next(
        (
            {"position": [float(p.lon), float(p.lat)]}
            for p in places.itertuples(index=False)
            if place is not None and p.place_id == place
        ),
        None,
    )
    deck_layers += focus_layers(focus_rows, chosen_place)
    if focus_rows and zoom_to_focus:
        lons, lats = polygon_bounds(focus_rows)
    elif fit_to is None:
        lons, lats = polygon_bounds(region_data)
    else:  # the bounds of every desa around the shortlist: per outline, cached (a province has ~4,000)
        lons, lats = extent_bounds(fit_to["geometry_geojson"])
    # A desa chosen from the list is shown with its neighbours around it, so the planner keeps their bearings.
    view = fit_view(lons, lats, 1.6 if focus_rows and zoom_to_focus else 0.3)
    if named is not None:
        deck_layers += name_layers(outlines, named, view.zoom)  # the names readable at the view's zoom
    # Streamlit escapes substituted values, so the markup lives in the template and the rows carry plain text.
    tooltip = {"html": "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}", "style": {"fontSize": "13px"}}
    if map_style_url:
        return CompactDeck(
            layers=deck_layers,
            initial_view_state=view,
            map_provider="carto",
            map_style=map_style_url,
            tooltip=tooltip,
        )
    # No map_style at all: pydeck then sends its "__MAP_STYLE__" sentinel, which Streamlit reads as "no basemap".
    # map_style=None would make Streamlit fetch a Carto style from the internet.
    return CompactDeck(layers=deck_layers, initial_view_state=view, map_provider=None, tooltip=tooltip)


def build_legend(
    regions: pd.DataFrame,
    indicator: str,
    layers: Iterable[str],
    lang: str,
    density: bool,
    outlines: bool = True,
) -> str:
    """Return the HTML legend of the deck: indicator classes, hidden and missing values, outlines, density and the
    place symbols shown."""
    spec = INDICATORS[indicator]
    classes = indicator_classes(regions, indicator)
    values = regions[spec.column]
    suppressed = values.map(is_small_count).astype(bool)
    missing = values.map(lambda v: v is None or (isinstance(v, float) and math.isnan(v))).astype(bool)
    rows = classes.legend(
        lambda v: format_value(v, spec.kind, lang),
        translate("peta.legend.suppressed", lang) if suppressed.any() else None,
        translate("peta.legend.no_data", lang) if missing.any() else None,
    )
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
    lines = (
        [("#{:02x}{:02x}{:02x}".format(*OUTLINE_COLOUR[:3]), translate("peta.legend.outlines", lang))]
        if outlines
        else []
    )
    return legend_html(translate(f"peta.indicator.{indicator}", lang), rows, symbols, lines)
