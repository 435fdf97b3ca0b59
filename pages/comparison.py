"""Perbandingan: change among target households against comparable non-targeted households (difference-in-differences)."""

import streamlit as st

from sinergi.common.fmt import fmt_change, fmt_number, fmt_total
from sinergi.monitoring.analysis import diff_in_diff, protected_did_table
from sinergi.monitoring.charts import did_chart
from sinergi.monitoring.widgets import how_computed
from sinergi.ui.components import data_as_of, download_buttons, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("banding")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "round_id": ctx.round_id, "baseline_round_id": ctx.baseline_round_id}

st.title(t("banding.heading", region=region_title(ctx)))
data_as_of(ctx)
st.warning(t("banding.caveat"))
if ctx.round_id == ctx.baseline_round_id:
    st.info(t("monev.same_round"))

result = diff_in_diff(load("did_by_kecamatan", **params))
if result.estimate_pp is None:
    st.info(t("banding.empty"))
    st.stop()
tiles = st.columns(4)
tiles[0].metric(
    t("banding.estimate"), f"{fmt_change(result.estimate_pp, lang, 1)} {t('monev.points')}", border=True
)
tiles[1].metric(t("banding.treated"), fmt_total(result.treated_households, lang), border=True)
tiles[2].metric(t("banding.control"), fmt_total(result.control_households, lang), border=True)
tiles[3].metric(t("banding.kecamatan"), fmt_number(result.kecamatan_count, lang), border=True)
st.markdown(t("banding.reading", value=fmt_change(result.estimate_pp, lang, 1)))

names = {
    "sasaran": t("banding.group.sasaran"),
    "pembanding": t("banding.group.pembanding"),
    "axis": t("banding.axis"),
}
shown = protected_did_table(result.by_kecamatan)
st.plotly_chart(did_chart(shown, names, lang), key="banding_chart")
how_computed(ctx, t("banding.how"), result.treated_households + result.control_households)

table = shown[
    [
        "kecamatan_name",
        "sasaran_households_count",
        "sasaran_baseline_pct",
        "sasaran_value_pct",
        "pembanding_households_count",
        "pembanding_baseline_pct",
        "pembanding_value_pct",
        "did_pp",
    ]
]
headers = {c: t(f"banding.col.{c}") for c in table.columns}
with st.expander(t("banding.table")):
    show_table(table, lang, headers)
    download_buttons(ctx, table, f"perbandingan_{ctx.region_code}", headers)
