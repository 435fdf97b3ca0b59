"""Anggaran: budget allocated vs realised by source, program and sector per year; cost per household."""

import streamlit as st

from sinergi.common.fmt import fmt_pct, fmt_rupiah, fmt_total
from sinergi.monitoring.analysis import budget_totals, cost_per_household
from sinergi.monitoring.charts import budget_bars
from sinergi.monitoring.widgets import how_computed
from sinergi.ui.components import data_as_of, download_buttons, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("anggaran")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "round_id": ctx.round_id, "baseline_round_id": ctx.baseline_round_id}

st.title(t("anggaran.heading", region=region_title(ctx)))
data_as_of(ctx)
if ctx.region_level in ("kecamatan", "desa"):
    st.info(t("anggaran.kabupaten_only"))

budget = load("budget_by_program", **params)
if budget.empty:
    st.info(t("anggaran.empty"))
    st.stop()
cost = cost_per_household(load("budget_cost_basis", **params))
allocated, realised = float(budget["allocated_rp"].sum()), float(budget["realised_rp"].sum())
tiles = st.columns(4)
years = {"first": int(budget["year"].min()), "last": int(budget["year"].max())}
tiles[0].metric(t("anggaran.allocated_years", **years), fmt_rupiah(allocated, lang), border=True)
tiles[1].metric(
    t("anggaran.realised_years", **years),
    fmt_rupiah(realised, lang),
    delta=fmt_pct(100.0 * realised / allocated, lang, 0),
    delta_color="off",
    delta_arrow="off",
    border=True,
)
tiles[2].metric(
    t("anggaran.per_reached"),
    fmt_rupiah(cost.per_reached_rp, lang),
    help=t("anggaran.help.per_reached", count=fmt_total(cost.reached_households, lang)),
    border=True,
)
tiles[3].metric(
    t("anggaran.per_left"),
    fmt_rupiah(cost.per_left_rp, lang),
    help=t("anggaran.help.per_left", count=fmt_total(cost.left_households, lang)),
    border=True,
)
how_computed(ctx, t("anggaran.how_cost", spent=fmt_rupiah(cost.realised_rp, lang)), cost.reached_households)

by = (
    st.segmented_control(
        t("anggaran.by"),
        ["funding_source", "sector_code", "program"],
        default="funding_source",
        format_func=lambda b: t(f"anggaran.by.{b}"),
        key="anggaran_by",
    )
    or "funding_source"
)
totals = budget_totals(budget, by)
names = {
    "allocated": t("anggaran.allocated"),
    "realised": t("anggaran.realised"),
    "axis": t("anggaran.axis"),
    **{v: t(f"anggaran.value.{v}") for v in totals[by] if by != "program"},
}
st.plotly_chart(budget_bars(totals, by, names, lang), key="anggaran_chart")
how_computed(ctx, t("anggaran.how_budget"))
headers = {
    "year": t("anggaran.col.year"),
    by: t(f"anggaran.by.{by}"),
    "allocated_rp": t("anggaran.allocated"),
    "realised_rp": t("anggaran.realised"),
    "realised_pct": t("anggaran.col.realised_pct"),
}
with st.expander(t("anggaran.table")):
    show_table(totals, lang, headers, {by: names.get} if by != "program" else None)
    download_buttons(ctx, totals, f"anggaran_{ctx.region_code}_{by}", headers)
