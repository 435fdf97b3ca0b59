"""Anggaran: budget allocated vs realised by source, program and sector per year; cost per household."""

import streamlit as st

from sinergi.common.fmt import fmt_date, fmt_pct, fmt_rupiah, fmt_total
from sinergi.monitoring.analysis import budget_totals, cost_per_household, protect_ratios
from sinergi.monitoring.charts import budget_bars
from sinergi.monitoring.widgets import definition, how_computed, round_date_note
from sinergi.ui.components import (
    code_labels,
    data_as_of,
    region_title,
    show_table,
    table_and_downloads,
)
from sinergi.ui.context import page_context
from sinergi.ui.data import load, viewer_sees_households

ctx = page_context("anggaran")
t, lang = ctx.t, ctx.lang
params = ctx.params

st.title(t("anggaran.heading", region=region_title(ctx)))
data_as_of(ctx)
round_date_note(ctx)
if ctx.region_level in ("kecamatan", "desa"):
    st.info(t("anggaran.kabupaten_only"))

budget = load("budget_by_program", **params)
if budget.empty:
    st.info(t("anggaran.empty"))
    st.stop()
cost = cost_per_household(load("budget_cost_basis", **params))
allocated, realised = float(budget["allocated_rp"].sum()), float(budget["realised_rp"].sum())
# two rows (money, then cost per household): five tiles in one row clip "Rp 45,5 miliar" at 1366-1440 px
money = st.columns(2)
years = {"first": int(budget["year"].min()), "last": int(budget["year"].max())}
money[0].metric(t("anggaran.allocated_years", **years), fmt_rupiah(allocated, lang), border=True)
money[1].metric(
    t("anggaran.realised_years", **years),
    fmt_rupiah(realised, lang),
    delta=fmt_pct(100.0 * realised / allocated, lang, 0),
    delta_color="off",
    delta_arrow="off",
    border=True,
)
st.markdown(f"**{t('anggaran.cost_heading')}**")
tiles = st.columns(3)
tiles[0].metric(t("anggaran.per_reached"), fmt_rupiah(cost.per_reached_rp, lang), border=True)
tiles[1].metric(
    t("anggaran.per_reached_with_bansos"), fmt_rupiah(cost.per_reached_with_bansos_rp, lang), border=True
)
tiles[2].metric(t("anggaran.per_left"), fmt_rupiah(cost.per_left_rp, lang), border=True)
count = lambda n: fmt_total(n, lang)  # noqa: E731
with tiles[0]:
    definition(
        ctx,
        "cost_without_bansos",
        spent=fmt_rupiah(cost.realised_rp, lang),
        count=count(cost.reached_without_bansos),
    )
with tiles[1]:
    definition(
        ctx,
        "cost_with_bansos",
        spent=fmt_rupiah(cost.realised_rp, lang),
        bansos=fmt_rupiah(cost.bansos_rp, lang),
        count=count(cost.reached_households),
    )
with tiles[2]:
    definition(
        ctx, "cost_per_exit", spent=fmt_rupiah(cost.realised_rp, lang), count=count(cost.left_households)
    )
how_computed(ctx, t("anggaran.how_cost", year=cost.up_to_year), cost.reached_households)

st.subheader(t("anggaran.per_moa"))
# the amount divided by a cost per household would give the count back: a cost is computed from the count as
# shown (rounded to 5), and withheld where it reads "<5" (docs/privacy.md); the same frame goes to the export
per_moa = protect_ratios(
    load("cost_per_moa", **params),
    {
        "per_reached_rp": ("realised_rp", "reached_households_count"),
        "per_left_rp": ("realised_rp", "left_extreme_poverty_count"),
    },
)
moa_headers = {c: t(f"anggaran.col.{c}") for c in per_moa.columns if c not in ("kabupaten_code", "status")}
table_and_downloads(ctx, per_moa, f"biaya_moa_{ctx.region_code}", moa_headers)
definition(ctx, "cost_per_moa", date=fmt_date(ctx.as_of, lang))
if not viewer_sees_households():
    st.caption(t("privacy.cost_rounded"))

st.subheader(t("anggaran.per_program"))
per_program = protect_ratios(
    load("cost_per_program", **params), {"per_household_rp": ("realised_rp", "households_reached_count")}
)
program_headers = {c: t(f"anggaran.col.{c}") for c in per_program.columns if c not in ("kabupaten_code",)}
show_table(per_program, lang, program_headers, {"sector_code": code_labels("sector", lang)})
definition(
    ctx,
    "cost_per_program",
    linked=count(len(per_program)),
    programs=count(budget.groupby(["program"]).ngroups),
    date=fmt_date(ctx.round_as_of, lang),
)

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
    by_names = {by: names.get} if by != "program" else None
    table_and_downloads(ctx, totals, f"anggaran_{ctx.region_code}_{by}", headers, by_names)
