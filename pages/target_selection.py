"""Penetapan Lokasi Sasaran: a transparent, adjustable score per desa, the top N on a map, a downloadable shortlist."""

import streamlit as st

from sinergi.common.fmt import fmt_number
from sinergi.planning.map_indicators import SECTORS
from sinergi.planning.map_view import basemap_style_url
from sinergi.planning.poverty_map import build_legend, build_poverty_map
from sinergi.planning.targeting import COMPONENTS, DEFAULT_WEIGHTS, formula_latex, score_locations
from sinergi.ui.components import data_as_of, download_buttons, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load, viewer_sees_households
from sinergi.ui.selections import bind, keep

ctx = page_context("sasaran_lokasi")
t, lang = ctx.t, ctx.lang
st.title(t("sasaran_lokasi.heading", region=region_title(ctx)))
st.caption(t("sasaran_lokasi.intro"))
stop_without_households(ctx)

sector = (
    st.segmented_control(
        t("peta.sector"),
        SECTORS,
        format_func=lambda s: t(f"peta.sector.{s}"),
        required=True,
        **bind("sasaran_lokasi_sector", "sektor", SECTORS, "semua"),
    )
    or "semua"
)
keep("sektor", sector)

with st.expander(t("sasaran_lokasi.weights"), expanded=True):
    cols = st.columns(len(COMPONENTS))
    # A select slider, not a slider: its steps are written the reader's way (2,5 rather than 2.50).
    steps = [i / 2 for i in range(11)]
    weights = {
        c: col.select_slider(
            t(f"sasaran_lokasi.weight.{c}"),
            steps,
            value=DEFAULT_WEIGHTS[c],
            format_func=lambda v: fmt_number(v, lang, 1),
            key=f"sasaran_lokasi_w_{c}",
        )
        for c, col in zip(COMPONENTS, cols, strict=True)
    }
    st.latex(formula_latex(lang))
    st.caption(t("sasaran_lokasi.formula_note"))

locations = load("location_indicators", region=ctx.region_code, as_of=ctx.as_of)
if sum(weights.values()) == 0:
    weights = dict(DEFAULT_WEIGHTS)
ranked = score_locations(locations, weights, sector)
top_n = (
    st.slider(
        t("sasaran_lokasi.top_n"), 1, min(50, len(ranked)), min(20, len(ranked)), key="sasaran_lokasi_n"
    )
    if len(ranked) > 1
    else len(ranked)
)
shortlist = ranked.head(top_n)

headers = {
    "rank": t("sasaran_lokasi.col.rank"),
    "desa_code": t("col.region_code"),
    "name": t("peta.col.desa"),
    "kecamatan_name": t("peta.col.kecamatan"),
    "score": t("sasaran_lokasi.col.score"),
    "extreme_poor_households_count": t("peta.indicator.extreme_poor"),
    "extreme_poor_share_pct": t("peta.indicator.extreme_poor_share"),
    "sector_potential_score": t("sasaran_lokasi.col.sector_potential"),
    "mean_access_km": t("sasaran_lokasi.col.mean_access_km"),
    "coverage_pct": t("sasaran_lokasi.col.coverage_pct"),
    "is_active_moa_target": t("sasaran_lokasi.col.active_moa"),
}
table = shortlist[list(headers)].round(
    {"score": 1, "extreme_poor_share_pct": 1, "mean_access_km": 1, "coverage_pct": 0}
)

col_map, col_legend = st.columns([4, 1])
with col_map:
    st.subheader(t("sasaran_lokasi.map", n=len(shortlist)))
    places = load("map_places", region=ctx.kabupaten_code or ctx.region_code)
    outlines = load("region_outlines", region=ctx.kabupaten_code or ctx.region_code)
    layers = ["pelabuhan", "pasar", "kota"]
    st.pydeck_chart(
        build_poverty_map(
            shortlist,
            places,
            layers,
            "target_score",
            lang,
            map_style_url=basemap_style_url(),
            outlines=outlines,
            fit_to=locations,
        ),
        key="sasaran_lokasi_map",
        height=480,
    )
col_legend.html(build_legend(shortlist, "target_score", layers, lang, density=False))
st.caption(t("peta.disclaimer"))
data_as_of(ctx)

st.subheader(t("sasaran_lokasi.ranked"))
show_table(table, lang, headers)
if not viewer_sees_households():
    st.caption(t("privacy.score_rounded"))
download_buttons(ctx, table, f"lokasi_sasaran_{sector}_{ctx.region_code}", headers)
