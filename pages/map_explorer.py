"""Peta Sebaran: where the extreme poor live, each sector's potential and need, and a desa profile on click."""

import pandas as pd
import streamlit as st

from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.common.text import plain
from sinergi.planning.desa_profile import (
    distance_table,
    opened_by_click,
    picked_object,
    potential_table,
    profile_formats,
    profile_headers,
)
from sinergi.planning.map_areas import AREA_PLACES, area_level
from sinergi.planning.map_density import hex_resolution, hexagon_counter, hexagon_rows
from sinergi.planning.map_indicators import SECTOR_PLACES, SECTORS, indicators_for, without_household_data
from sinergi.planning.map_view import MAP_HEIGHT_PX, basemap_style_url
from sinergi.planning.poverty_map import build_legend, build_poverty_map
from sinergi.ui.components import data_as_of, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.coverage import has_households, no_households_notice
from sinergi.ui.data import load
from sinergi.ui.selections import bind, keep, wanted

ctx = page_context("peta")
t, lang = ctx.t, ctx.lang
st.title(t("peta.heading", region=region_title(ctx)))

sector = (
    st.segmented_control(
        t("peta.sector"),
        SECTORS,
        format_func=lambda s: t(f"peta.sector.{s}"),
        required=True,
        **bind("peta_sector", "sektor", SECTORS, "semua"),
    )
    or "semua"
)
keep("sektor", sector)

# A province of thousands of desa is drawn by kecamatan (map_areas): a click on one opens it one level down.
desa_count = int(load("region_desa_count", region=ctx.region_code)["desa_count"].iloc[0])
by_area = area_level(ctx.region_level, desa_count)
if by_area:
    locations = load(
        "location_indicators_by_area", region=ctx.region_code, as_of=ctx.as_of, area_level=by_area
    )
else:
    locations = load("location_indicators", region=ctx.region_code, as_of=ctx.as_of)
if not has_households(ctx):  # boundaries only: every household figure is unknown, not 0
    no_households_notice(ctx)
    locations = without_household_data(locations)
places = load("map_places", region=ctx.kabupaten_code or ctx.region_code)
outlines = load("region_outlines", region=ctx.kabupaten_code or ctx.region_code)

col_ind, col_places = st.columns([2, 3])
indicator = col_ind.selectbox(
    t("peta.indicator"),
    indicators_for(sector),
    format_func=lambda k: t(f"peta.indicator.{k}"),
    key=f"peta_indicator_{sector}",
)
shown_places = col_places.pills(
    t("peta.places"),
    ["pelabuhan", "pasar", "kota", "puskesmas", "rumah_sakit"],
    selection_mode="multi",
    default=list(AREA_PLACES if by_area else SECTOR_PLACES[sector]),
    format_func=lambda p: t(f"peta.place.{p}"),
    key=f"peta_places_{sector}" + ("_area" if by_area else ""),
)
density = col_ind.toggle(t("peta.density"), value=False, key="peta_density")


def _on_map_click() -> None:
    # A click on a marker opens that place (and the desa it stands in); a click on a desa opens the desa, and the
    # view stays where the planner was looking. On a map drawn by area a click opens the area (a marker: its
    # kecamatan, with the place and its desa): the region moves one level down, and the sidebar and URL follow.
    picked = picked_object(st.session_state.get("peta_map"))
    if picked is not None:
        opened, view_stays = opened_by_click(picked, bool(by_area))
        for param, value in opened.items():
            keep(param, value)
        st.session_state["peta_clicked"] = view_stays  # else fit the view on the region (or desa) opened


def _on_desa_chosen() -> None:
    st.session_state["peta_clicked"] = False  # chosen from the list: fit the view on it
    keep("tempat", None)


if by_area:
    desa = ""  # no desa list for a whole large province: a click on a kecamatan opens its desa
    col_places.caption(t("peta.by_area", desa=fmt_number(desa_count, lang)))
else:
    names = dict(
        zip(locations["desa_code"], locations["name"] + " · " + locations["kecamatan_name"], strict=True)
    )
    desa_options = ["", *locations["desa_code"]]
    desa_binding = bind("peta_desa", "desa", desa_options, "", then=_on_desa_chosen)
    desa = col_places.selectbox(
        t("peta.desa"), desa_options, format_func=lambda c: names.get(c, t("peta.desa.none")), **desa_binding
    )
    keep("desa", desa)
place_row = places[places["place_id"] == wanted("tempat")]
place_row = place_row[place_row["desa_code"] == desa] if desa else place_row.iloc[0:0]
keep("tempat", place_row["place_id"].iloc[0] if len(place_row) else None)

hexagons = (
    hexagon_rows(
        # positions never leave the data layer: it returns households per hexagon, protected for the viewer
        load(
            "extreme_poor_locations",
            aggregate=hexagon_counter(hex_resolution(ctx.region_code)),
            region=ctx.region_code,
        ),
        hex_resolution(ctx.region_code),
        lang,
    )
    if density
    else None
)
deck = build_poverty_map(
    locations,
    places,
    shown_places,
    indicator,
    lang,
    hexagons,
    focus=desa or None,
    map_style_url=basemap_style_url(),
    outlines=outlines,
    place=place_row["place_id"].iloc[0] if len(place_row) else None,
    zoom_to_focus=not st.session_state.get("peta_clicked", False),
)
col_map, col_legend = st.columns([4, 1])
with col_map:
    st.pydeck_chart(
        deck, on_select=_on_map_click, selection_mode="single-object", key="peta_map", height=MAP_HEIGHT_PX
    )
col_legend.html(build_legend(locations, indicator, shown_places, lang, density=bool(hexagons)))
col_legend.caption(t("peta.click_hint"))
st.caption(t("peta.disclaimer") + ("" if basemap_style_url() else " " + t("peta.offline_note")))
data_as_of(ctx)

if len(place_row):
    place = place_row.iloc[0]
    with st.container(border=True, key="peta_place"):
        st.subheader(
            t("peta.place_card.heading", kind=t(f"peta.place.{place['place_type']}"), name=place["name"])
        )
        kecamatan = locations.set_index("desa_code").at[desa, "kecamatan_name"]
        st.markdown(t("peta.place_card.where", desa=place["desa_name"], kecamatan=kecamatan))

if desa:
    row = locations.set_index("desa_code").loc[desa]
    profile = load("desa_profile", region=desa).iloc[0]
    st.subheader(
        t("peta.profile.heading", name=plain(profile["name"]), kecamatan=plain(profile["kecamatan_name"]))
    )
    tiles = st.columns(4)
    tiles[0].metric(t("peta.profile.population"), fmt_number(profile["population_count"], lang), border=True)
    tiles[1].metric(t("peta.profile.households"), fmt_number(profile["households_count"], lang), border=True)
    tiles[2].metric(
        t("peta.indicator.extreme_poor"), fmt_number(row["extreme_poor_households_count"], lang), border=True
    )
    tiles[3].metric(
        t("peta.indicator.reached_share"), fmt_pct(row["verified_targets_reached_pct"], lang), border=True
    )
    tiles = st.columns(4)
    tiles[0].metric(t("peta.profile.poverty_rate"), fmt_pct(profile["poverty_rate_pct"], lang), border=True)
    tiles[1].metric(
        t("peta.profile.children_under5"), fmt_number(profile["children_under5_count"], lang), border=True
    )
    tiles[2].metric(
        t("peta.profile.electricity"), fmt_pct(profile["electricity_access_pct"], lang), border=True
    )
    tiles[3].metric(
        t("peta.profile.sanitation"), fmt_pct(profile["sanitation_access_pct"], lang), border=True
    )
    area = fmt_number(profile["area_km2"], lang, 1)
    # an imported real desa has boundaries before it has demography: say so rather than print an empty year
    has_year = pd.notna(profile["year"])
    st.caption(
        t("peta.profile.demography_year", year=profile["year"], area=area)
        if has_year
        else t("peta.profile.no_demography", area=area)
    )
    left, right = st.columns(2)
    left.markdown(f"**{t('peta.profile.potential')}**")
    with left:
        show_table(potential_table(row, lang), lang)
    right.markdown(f"**{t('peta.profile.distances')}**")
    with right:
        show_table(distance_table(profile, lang), lang)

    # One panel per query: registered households by status, partners of MoAs there, interventions given.
    panels = [
        ("households_by_status", "peta.profile.households_status"),
        ("moa_partners_in_region", "peta.profile.partners"),
        ("interventions_by_program", "peta.profile.interventions"),
    ]
    for column, (query, heading) in zip([*st.columns(2), st.container()], panels, strict=True):
        frame = load(query, region=desa, as_of=ctx.as_of)
        column.markdown(f"**{t(heading)}**")
        if frame.empty:
            column.caption(t("peta.profile.none"))
        else:
            with column:
                show_table(frame, lang, profile_headers(query, lang), profile_formats(query, lang))
