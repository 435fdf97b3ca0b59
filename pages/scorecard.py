"""Rapor kabupaten: the TNP2K scorecard, one row per kabupaten/kota in scope, sortable, by province, with a map."""

import streamlit as st

from sinergi.access.login import session_viewer
from sinergi.common.fmt import fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.suppressed import show_small_counts
from sinergi.monitoring.kpi import QUERY_BY_MOA
from sinergi.overview.scorecard import MEASURES, rounded, scorecard, sort_scorecard
from sinergi.planning.scorecard_map import LAYER, build_scorecard_map
from sinergi.ui.components import data_as_of, download_buttons
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("rapor")
t, lang = ctx.t, ctx.lang
viewer = session_viewer()
provinces = load("region_selector_kabupaten").drop_duplicates("province_code")
if viewer.scope is None:
    names = dict(zip(provinces["province_code"], provinces["province_name"], strict=True))
    options = ["", *names]
    default = ctx.region_code[:2] if ctx.region_code[:2] in names else ""
    chosen = st.selectbox(
        t("rapor.province"),
        options,
        index=options.index(default),
        format_func=lambda c: names.get(c, t("rapor.all_provinces")),
        key="rapor_province",
    )
    scope = {"province_code": [chosen] if chosen else list(names), "kabupaten_code": []}
    title = names.get(chosen, t("rapor.all_provinces"))
else:  # a kabupaten-bound role sees its own row
    scope = {"province_code": [], "kabupaten_code": [viewer.scope]}
    title = ctx.region_name if ctx.region_level == "kabupaten" else viewer.scope
rounds = {"round_id": ctx.round_id, "baseline_round_id": ctx.baseline_round_id}

st.title(t("rapor.heading", scope=title))
data_as_of(ctx)
st.caption(t("rapor.intro", round=ctx.round_name))
rows = load("scorecard_kabupaten", **scope, **rounds, today=ctx.today)
if rows.empty:
    st.info(t("rapor.empty"))
    st.stop()
kpi_regions = scope["kabupaten_code"] or scope["province_code"]
kpis = [load(QUERY_BY_MOA, region=code, **rounds) for code in kpi_regions]
info = dict(load("dataset_info").itertuples(index=False, name=None))
table = scorecard(rows, kpis, ctx.as_of, info.get("source", ""), ctx.round_id == ctx.baseline_round_id)

labels = {key: t(f"rapor.measure.{key}") for key in MEASURES}
col_sort, col_order = st.columns([3, 1])
sort_key = col_sort.selectbox(t("rapor.sort_by"), list(MEASURES), format_func=labels.get, key="rapor_sort")
best_first = col_order.toggle(t("rapor.best_first"), value=False, key="rapor_best_first")
table = sort_scorecard(table, sort_key, best_first)
table["link"] = [
    f"/beranda?wilayah={code}&putaran={ctx.round_id}&bahasa={lang}" for code in table["kabupaten_code"]
]
headers = {
    "province_name": t("rapor.col.province_name"),
    "name": t("rapor.col.name"),
    **{MEASURES[k].column: labels[k] for k in MEASURES},
    "kpi_rows_count": t("rapor.col.kpi_rows_count"),
    "as_of": t("rapor.col.as_of"),
    "source": t("rapor.col.source"),
}
shown = show_small_counts(rounded(table[[*headers, "link"]])).rename(
    columns={**headers, "link": t("rapor.col.link")}
)
st.dataframe(
    shown,
    hide_index=True,
    column_config={t("rapor.col.link"): st.column_config.LinkColumn(display_text=t("rapor.open"))},
)
download_buttons(ctx, table[list(headers)], f"rapor_kabupaten_{ctx.round_id}", headers)

measure = MEASURES[sort_key]
formatter = {"count": fmt_number, "pct": fmt_pct, "rp": fmt_rupiah}[measure.kind]
values = table.set_index("kabupaten_code")[measure.column]
shown_values = values.map(lambda v: "–" if v != v else formatter(float(v), lang))
st.subheader(t("rapor.map_heading", measure=labels[sort_key]))
deck = build_scorecard_map(
    load("scorecard_kabupaten_shapes", **scope),
    values,
    shown_values,
    labels[sort_key],
    len(scope["province_code"]) > 1,
)
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="rapor_map", height=560)
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
