"""Beranda: the headline figures of the selected region and round."""

import streamlit as st

from sinergi.common.fmt import fmt_date, fmt_number, fmt_pct, fmt_rupiah, fmt_total
from sinergi.common.suppressed import show_counts
from sinergi.overview.charts import build_extreme_poor_by_region
from sinergi.overview.headline import headline
from sinergi.ui.components import data_as_of, download_buttons, metric_delta, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("beranda")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "round_id": ctx.round_id, "today": ctx.today}

st.title(t("beranda.heading", region=region_title(ctx)))
data_as_of(ctx)
fig = headline(
    load("overview_households", **params), load("overview_moa", **params), load("overview_budget", **params)
)

row1 = st.columns(4)
row1[0].metric(
    t("beranda.metric.extreme_poor_households"),
    fmt_total(fig.extreme_poor_households, lang),
    help=t("beranda.help.extreme_poor_households"),
    border=True,
)
row1[1].metric(
    t("beranda.metric.extreme_poor_people"),
    fmt_total(fig.extreme_poor_people, lang),
    help=t("beranda.help.extreme_poor_people"),
    border=True,
)
row1[2].metric(
    t("beranda.metric.extreme_poor_share"),
    fmt_pct(fig.extreme_poor_share_pct, lang),
    help=t("beranda.help.extreme_poor_share"),
    border=True,
)
row1[3].metric(
    t("beranda.metric.observed"),
    fmt_total(fig.observed_extreme_poor, lang),
    delta=None
    if ctx.round_id == ctx.baseline_round_id
    else metric_delta(fig.observed_change_pct, lang, 1, True),
    delta_color="inverse",
    help=t("beranda.help.observed", round=ctx.round_name),
    border=True,
)
row2 = st.columns(4)
row2[0].metric(
    t("beranda.metric.verified_targets"),
    fmt_total(fig.verified_targets, lang),
    help=t("beranda.help.verified_targets"),
    border=True,
)
row2[1].metric(
    t("beranda.metric.reached"),
    fmt_pct(fig.verified_targets_reached_pct, lang),
    help=t("beranda.help.reached"),
    border=True,
)
row2[2].metric(
    t("beranda.metric.active_moa"),
    fmt_number(fig.active_moa, lang),
    help=t("beranda.help.active_moa", soon=fig.ending_soon_moa, undecided=fig.ended_undecided_moa),
    border=True,
)
row2[3].metric(
    t("beranda.metric.budget", year=fig.budget_year or "–"),
    fmt_rupiah(fig.budget_allocated_rp, lang),
    delta=t(
        "beranda.metric.budget_realised",
        amount=fmt_rupiah(fig.budget_realised_rp, lang),
        pct=fmt_pct(fig.budget_realised_pct, lang, 0),
    ),
    delta_color="off",
    delta_arrow="off",
    help=t("beranda.help.budget"),
    border=True,
)

if fig.ending_soon_moa or fig.ended_undecided_moa:
    st.warning(t("beranda.moa_alert", soon=fig.ending_soon_moa, undecided=fig.ended_undecided_moa))

by_region = load("extreme_poor_by_child_region", **params)
if len(by_region):
    st.subheader(t("beranda.by_region", level=t(f"region.children.{ctx.region_level}")))
    st.plotly_chart(build_extreme_poor_by_region(by_region, lang), key="beranda_by_region")
    headers = {
        "region_code": t("col.region_code"),
        "name": t("col.region_name"),
        "extreme_poor_households_count": t("beranda.chart.register"),
        "verified_targets_count": t("beranda.metric.verified_targets"),
        "observed_extreme_poor_count": t("beranda.chart.observed"),
    }
    with st.expander(t("beranda.table")):
        st.dataframe(show_counts(by_region).rename(columns=headers)[list(headers.values())], hide_index=True)
        download_buttons(ctx, by_region, f"miskin_ekstrem_{ctx.region_code}", headers)
st.caption(t("beranda.round_dates", round=ctx.round_name, date=fmt_date(ctx.as_of, lang)))
