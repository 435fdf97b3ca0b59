"""Beranda: the headline figures of the selected region and round, each with its definition beside it."""

import streamlit as st

from sinergi.common.fmt import fmt_change, fmt_date, fmt_number, fmt_pct, fmt_rupiah, fmt_total
from sinergi.monitoring.widgets import definition, poverty_lines, round_date_note
from sinergi.overview.charts import build_extreme_poor_by_region
from sinergi.overview.headline import headline
from sinergi.ui.components import (
    data_as_of,
    metric_delta,
    region_title,
    table_and_downloads,
)
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load

ctx = page_context("beranda")
t, lang = ctx.t, ctx.lang
params = ctx.params
below_kabupaten = ctx.region_level in ("kecamatan", "desa")

st.title(t("beranda.heading", region=region_title(ctx)))
data_as_of(ctx)
stop_without_households(ctx)
fig = headline(
    load("overview_households", **params), load("overview_moa", **params), load("overview_budget", **params)
)

observed_delta = (
    {}
    if ctx.round_id == ctx.baseline_round_id
    else metric_delta(fmt_change(fig.observed_change_pct, lang, 1, pct=True), "inverse")
)
budget_delta = {
    "delta": t(
        "beranda.metric.budget_realised",
        amount=fmt_rupiah(fig.budget_realised_rp, lang),
        pct=fmt_pct(fig.budget_realised_pct, lang, 0),
    ),
    "delta_color": "off",
    "delta_arrow": "off",
}
budget = "budget_kabupaten" if below_kabupaten else "budget"
year = fig.budget_year or "–"
# (label, value, help, definition key, definition values, delta): two rows of four, each with its definition under it
tiles = [
    ("extreme_poor_households", fmt_total(fig.extreme_poor_households, lang), {}, "register_extreme_poor", {}, {}),
    ("extreme_poor_people", fmt_total(fig.extreme_poor_people, lang), {}, "register_people", {}, {}),
    ("extreme_poor_share", fmt_pct(fig.extreme_poor_share_pct, lang), {}, "register_share", {}, {}),
    ("observed", fmt_total(fig.observed_extreme_poor, lang), {"round": ctx.round_name}, "survey_extreme_poor",
     {"round": ctx.round_name}, observed_delta),
    ("verified_targets", fmt_total(fig.verified_targets, lang), {}, "verified_target", {}, {}),
    ("reached", fmt_pct(fig.verified_targets_reached_pct, lang), {}, "reached",
     {"date": fmt_date(ctx.round_as_of, lang)}, {}),
    ("active_moa", fmt_number(fig.active_moa, lang),
     {"soon": fig.ending_soon_moa, "undecided": fig.ended_undecided_moa}, "active_moa",
     {"date": fmt_date(ctx.as_of, lang)}, {}),
    (budget, fmt_rupiah(fig.budget_allocated_rp, lang), {}, budget, {"year": year}, budget_delta),
]  # fmt: skip
for column, (key, value, help_values, rule, rule_values, delta) in zip(
    [*st.columns(4), *st.columns(4)], tiles, strict=True
):
    help_key = "budget" if key == budget else key
    label = t(f"beranda.metric.{key}", year=year) if key == budget else t(f"beranda.metric.{key}")
    column.metric(label, value, help=t(f"beranda.help.{help_key}", **help_values), border=True, **delta)
    with column:
        definition(ctx, rule, **rule_values)

if fig.ending_soon_moa or fig.ended_undecided_moa:
    st.warning(
        t(
            "beranda.moa_alert",
            soon=fig.ending_soon_moa,
            undecided=fig.ended_undecided_moa,
            date=fmt_date(ctx.as_of, lang),
        )
    )

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
        table_and_downloads(ctx, by_region, f"miskin_ekstrem_{ctx.region_code}", headers)
st.caption(poverty_lines(ctx))
round_date_note(ctx)
