"""Perbandingan: change among target households first reached between the rounds, against similar households no MoA
reached (reweighted difference-in-differences with a 95 % interval and a placebo)."""

import streamlit as st

from sinergi.common.fmt import fmt_change, fmt_number, fmt_part
from sinergi.common.suppressed import Count, partition_hidden
from sinergi.monitoring.charts import did_chart
from sinergi.monitoring.did import did_by_kabupaten
from sinergi.monitoring.widgets import comparison_estimate, definition, how_computed, poverty_lines
from sinergi.ui.components import data_as_of, region_title, table_and_downloads
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load, viewer_sees_households

ctx = page_context("banding")
t, lang = ctx.t, ctx.lang
params = ctx.params
rounds = load("monitoring_rounds").set_index("round_id")[f"name_{lang}"]
round_names = (rounds[ctx.baseline_round_id], ctx.round_name)

st.title(t("banding.heading", region=region_title(ctx)))
data_as_of(ctx)
stop_without_households(ctx)
st.warning(t("banding.caveat"))
if ctx.round_id == ctx.baseline_round_id:
    st.info(t("monev.same_round"))
    st.stop()

panel = load("did_panel", **params)
result = comparison_estimate(panel, "sasaran")
placebo = comparison_estimate(panel, "plasebo")
if result.estimate_pp is None:
    st.info(t("banding.empty"))
    st.stop()


# did_panel's counts are estimator inputs (plain numbers); every size shown goes back through the viewer's rules
exact = viewer_sees_households()


def size(n: object) -> Count:
    return Count(int(n), exact)


def points(value: float | None) -> str:
    return "–" if value is None else f"{fmt_change(value, lang, 1)} {t('monev.points')}"


def interval(low: float | None, high: float | None) -> str:
    return t("banding.interval", low=fmt_change(low, lang, 1), high=fmt_change(high, lang, 1))


# the households compared and those left out add up to those reached: when either part reads "<5", every count
# stated for them is rounded like a breakdown cell, or "227 of 230" would give the 3 left out back (docs/privacy.md)
matched, treated = size(result.matched_households), size(result.treated_households)
rounded = partition_hidden([matched, treated - matched])


def count(n: object) -> str:
    return fmt_part(size(n), lang, rounded)


tiles = st.columns(4)
tiles[0].metric(t("banding.estimate"), points(result.estimate_pp), border=True)
tiles[0].caption(interval(result.low_pp, result.high_pp))
tiles[1].metric(t("banding.placebo"), points(placebo.estimate_pp), border=True)
# a placebo that cannot be computed says why instead of "– poin, 95 %: – s.d. – poin" (walk1 item 9); nothing here
# is withheld for privacy: the number of draft-MoA households is shown as every count is
if placebo.estimate_pp is None and not placebo.treated_households:
    tiles[1].caption(t("banding.placebo_none"))
elif placebo.estimate_pp is None:
    tiles[1].caption(t("banding.placebo_unmatched", count=count(placebo.treated_households)))
elif placebo.low_pp is None:
    tiles[1].caption(t("banding.interval_none"))
else:
    tiles[1].caption(interval(placebo.low_pp, placebo.high_pp))
tiles[2].metric(t("banding.treated"), count(result.matched_households), border=True)
tiles[2].caption(t("banding.treated_of", total=count(result.treated_households)))
tiles[3].metric(t("banding.control"), count(result.comparison_households), border=True)
tiles[3].caption(t("banding.desa", count=fmt_number(result.desa_count, lang)))
st.markdown(
    t(
        "banding.reading",
        value=fmt_change(result.estimate_pp, lang, 1),
        interval=interval(result.low_pp, result.high_pp),
        naive=fmt_change(result.naive_pp, lang, 1),
    )
)
definition(ctx, "did", round=ctx.round_name, baseline=round_names[0])
if rounded:
    st.caption(t("privacy.partition_rounded"))

names = {
    "sasaran": t("banding.group.sasaran"),
    "pembanding": t("banding.group.pembanding"),
    "axis": t("banding.axis"),
}
shares = {
    "sasaran": (result.treated_baseline_pct, result.treated_value_pct),
    "pembanding": (result.comparison_baseline_pct, result.comparison_value_pct),
}
st.plotly_chart(did_chart(shares, names, round_names, lang), key="banding_chart")
st.caption(poverty_lines(ctx))
groups = panel[panel["is_in_region"] | (panel["group_code"] == "pembanding")]
sizes = groups.groupby("group_code")["households_count"].sum()
how_computed(
    ctx,
    t(
        "banding.how",
        **{g: count(sizes.get(g, 0)) for g in ("sasaran", "pembanding", "plasebo")},
        before=count(sizes.get("sebelum_baseline", 0)),
        not_reached=count(sizes.get("belum_dijangkau", 0)),
        unmatched=count(result.treated_households - result.matched_households),
    ),
    size(result.matched_households + result.comparison_households),
    rounded,
)

table = did_by_kabupaten(panel)
table = table[table["treated_households"] > 0]
for column in ("treated_households", "matched_households", "comparison_households"):
    table[column] = [size(n) for n in table[column]]  # a breakdown: rounded to 5, "<5" for 1-4
headers = {c: t(f"banding.col.{c}") for c in table.columns}
with st.expander(t("banding.table")):
    table_and_downloads(ctx, table, f"perbandingan_{ctx.region_code}", headers)
