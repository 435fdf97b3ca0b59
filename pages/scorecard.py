"""Rapor kabupaten: the TNP2K scorecard, one row per kabupaten/kota in scope, sortable, by province, with a map."""

import pandas as pd
import streamlit as st

from sinergi.access.login import session_viewer
from sinergi.common.fmt import fmt_pct
from sinergi.monitoring.kpi import QUERY_BY_MOA
from sinergi.overview.scorecard import (
    MEASURES,
    measure_formats,
    measure_labels,
    scorecard,
    sort_scorecard,
    without_household_data,
)
from sinergi.planning.scorecard_map import LAYER, build_scorecard_legend, build_scorecard_map
from sinergi.ui.components import data_as_of, download_buttons, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load
from sinergi.ui.selections import bind

ctx = page_context("rapor")
t, lang = ctx.t, ctx.lang
viewer = session_viewer()
params = {k: v for k, v in ctx.params.items() if k != "region"}
heading = st.empty()  # the title names the province chosen below, yet stays above its selector
if viewer.scope is None:
    provinces = load("region_selector_kabupaten").drop_duplicates("province_code")
    names = dict(zip(provinces["province_code"], provinces["province_name"], strict=True))
    options = ["", *names]
    st.selectbox(
        t("rapor.province"),
        options,
        format_func=lambda c: names.get(c, t("rapor.all_provinces")),
        **bind(
            "rapor_province", "provinsi", options, ctx.region_code[:2] if ctx.region_code[:2] in names else ""
        ),
    )
    chosen = st.session_state["rapor_province"]
    regions = [chosen] if chosen else list(names)
    title = names.get(chosen, t("rapor.all_provinces"))
else:  # a kabupaten-bound role sees its own row
    regions = [viewer.scope]
    title = load("region_by_code", region=viewer.scope)["name"].iloc[0]

heading.title(t("rapor.heading", scope=title))
data_as_of(ctx)
# Beranda's tiles state a region's own totals exactly; a row here is one cell of a comparison, shown to roles
# without by-name access rounded (docs/privacy.md): those roles are told why the two may differ.
st.caption(t("rapor.intro", round=ctx.round_name))
if not viewer.by_name:
    st.info(t("rapor.rounded_note"))
rows = pd.concat([load("scorecard_kabupaten", region=code, **params) for code in regions], ignore_index=True)
if rows.empty:
    st.info(t("rapor.empty"))
    st.stop()
kpis = [load(QUERY_BY_MOA, region=code, **params) for code in regions]
info = dict(load("dataset_info").itertuples(index=False, name=None))
table = scorecard(rows, kpis, ctx.as_of, info.get("source", ""), ctx.round_id == ctx.baseline_round_id)
with_households = {
    c for code in regions for c in load("kabupaten_with_households", region=code)["kabupaten_code"]
}
table = without_household_data(table, with_households)

labels = {key: t(f"rapor.measure.{key}") for key in MEASURES}
col_sort, col_order = st.columns([3, 1])
col_sort.selectbox(
    t("rapor.sort_by"),
    list(MEASURES),
    format_func=labels.get,
    **bind("rapor_sort", "urut", MEASURES, "extreme_poor"),
)
col_order.toggle(t("rapor.best_first"), **bind("rapor_best_first", "terbaik", (True, False), False))
sort_key = st.session_state["rapor_sort"]
table = sort_scorecard(table, sort_key, st.session_state["rapor_best_first"])
# Beranda is the default page, served at the app's root: /beranda is no page (a console error, and outside a path
# prefix). Relative to this page, "./" is the root with or without a prefix.
table["link"] = [
    f"./?wilayah={code}&putaran={ctx.round_id}&bahasa={lang}" for code in table["kabupaten_code"]
]
headers = {
    "province_name": t("rapor.col.province_name"),
    "name": t("rapor.col.name"),
    **{MEASURES[k].column: labels[k] for k in MEASURES},
    "kpi_rows_count": t("rapor.col.kpi_rows_count"),
    "as_of": t("rapor.col.as_of"),
    "source": t("rapor.col.source"),
}
show_table(
    table,
    lang,
    {**headers, "link": t("rapor.col.link")},
    measure_formats(lang),
    column_config={t("rapor.col.link"): st.column_config.LinkColumn(display_text=t("rapor.open"))},
)
# the files hold the table without its links (a link to this app is no data)
download_buttons(ctx, table, f"rapor_kabupaten_{ctx.round_id}", headers, measure_formats(lang))

measure = MEASURES[sort_key]
values = table.set_index("kabupaten_code")[measure.column]
st.subheader(t("rapor.map_heading", measure=labels[sort_key]))
deck = build_scorecard_map(
    pd.concat([load("scorecard_kabupaten_shapes", region=code) for code in regions], ignore_index=True),
    values,
    measure_labels(values, measure.kind, lang),
    labels[sort_key],
    len(regions) > 1,
    measure.palette,
)
col_map, col_legend = st.columns([4, 1])
with col_map:
    event = st.pydeck_chart(
        deck, on_select="rerun", selection_mode="single-object", key="rapor_map", height=560
    )
# without it the colours said nothing: which shade is many, which few
col_legend.html(
    build_scorecard_legend(
        values,
        labels[sort_key],
        measure.palette,
        # class edges are whole points, so a share's has no decimal
        lambda v: (
            fmt_pct(v, lang, 0)
            if measure.kind == "pct"
            else measure_labels(pd.Series([v]), measure.kind, lang).iloc[0]
        ),
        lang,
    )
)
st.caption(t("rapor.map_hint"))
picked = (event.selection.objects or {}).get(LAYER, []) if event else []
if picked:
    code = picked[0]["kabupaten_code"]
    name = table.loc[table["kabupaten_code"] == code, "name"].iloc[0]
    st.page_link(
        "pages/overview.py",
        label=t("rapor.open_beranda", name=name),
        query_params={"wilayah": code, "putaran": str(ctx.round_id), "bahasa": lang},
    )
