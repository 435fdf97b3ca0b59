"""Perpindahan: the same households in two rounds — who left extreme poverty, who fell in, by sector and desa."""

import streamlit as st

from sinergi.common.fmt import fmt_part
from sinergi.common.suppressed import partition_hidden
from sinergi.monitoring.analysis import (
    TRANSITIONS,
    decile_matrix,
    transition_counts,
    transitions_by_sector_query,
)
from sinergi.monitoring.charts import transition_bars, transition_sankey
from sinergi.monitoring.widgets import definition, how_computed, poverty_lines, round_date_note
from sinergi.ui.components import data_as_of, download_buttons, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("perpindahan")
t, lang = ctx.t, ctx.lang
params = ctx.params
round_table = load("monitoring_rounds").set_index("round_id")
rounds = round_table[f"name_{lang}"]
round_names = (rounds[ctx.baseline_round_id], ctx.round_name)

st.title(t("perpindahan.heading", region=region_title(ctx)))
data_as_of(ctx)
st.caption(t("perpindahan.intro", baseline=round_names[0], round=round_names[1]))
if ctx.round_id == ctx.baseline_round_id:
    st.info(t("monev.same_round"))

population = (
    st.segmented_control(
        t("perpindahan.population"),
        ["sasaran", "semua"],
        default="sasaran",
        format_func=lambda p: t(f"perpindahan.population.{p}"),
        key="perpindahan_population",
    )
    or "sasaran"
)
by_desa = load("household_transitions_by_desa", **params)
by_sector = load(transitions_by_sector_query(round_table.loc[ctx.round_id, "ended_on"], ctx.as_of), **params)
if population == "sasaran":
    by_desa, by_sector = by_desa[by_desa["is_target"]], by_sector[by_sector["is_target"]]
labels = {tr: t(f"perpindahan.transition.{tr}") for tr in TRANSITIONS}

total = transition_counts(by_desa)
if total.empty:
    st.info(t("perpindahan.empty"))
    st.stop()
row = total.iloc[0]
# the four tiles add up to the households behind them: when one reads "<5", all of them and every total stated
# for them are rounded like breakdown cells, or the others and the total would give it back (docs/privacy.md)
rounded = partition_hidden(row[tr] for tr in TRANSITIONS)
tiles = st.columns(4)
for col, tr in zip(tiles, TRANSITIONS, strict=True):
    col.metric(labels[tr], fmt_part(row[tr], lang, rounded), border=True)
if rounded:
    st.caption(t("privacy.partition_rounded"))
definition(ctx, f"transitions.{population}", baseline=round_names[0], round=round_names[1])
st.plotly_chart(
    transition_sankey(
        row,
        {**labels, "poor": t("perpindahan.poor"), "not_poor": t("perpindahan.not_poor")},
        round_names,
        lang,
        rounded,
    ),
    key="perpindahan_sankey",
)
st.caption(poverty_lines(ctx))
how_computed(ctx, t("perpindahan.how"), row["households_count"], rounded)

st.subheader(t("perpindahan.by_sector"))
sectors = transition_counts(by_sector, "sector_code")
sector_labels = {**labels, **{s: t(f"perpindahan.sector.{s}") for s in sectors["sector_code"]}}
st.plotly_chart(transition_bars(sectors, "sector_code", sector_labels, lang), key="perpindahan_sector")
round_date_note(ctx)
st.caption(t("perpindahan.sector_overlap"))
how_computed(ctx, t("perpindahan.how_sector"), row["households_count"], rounded)

st.subheader(t("perpindahan.by_desa"))
desa = transition_counts(
    by_desa.assign(desa=by_desa["desa_name"] + " (" + by_desa["desa_code"] + ")"), "desa"
)
desa = desa.sort_values(["keluar", "desa"], ascending=[False, True])
top = desa.head(25)
st.plotly_chart(transition_bars(top, "desa", labels, lang), key="perpindahan_desa")
how_computed(
    ctx, t("perpindahan.how_desa", count=len(top), total=len(desa)), top["households_count"].sum(), rounded
)
headers = {"desa": t("perpindahan.col.desa"), **labels, "households_count": t("perpindahan.col.households")}
with st.expander(t("perpindahan.table")):
    show_table(desa, lang, headers)
    download_buttons(ctx, desa, f"perpindahan_desa_{ctx.region_code}", headers)

st.subheader(t("perpindahan.deciles"))
matrix = decile_matrix(by_desa)
matrix.index = [t("perpindahan.decile_row", decile=d, round=round_names[0]) for d in matrix.index]
matrix.columns = [t("perpindahan.decile_col", decile=d, round=round_names[1]) for d in matrix.columns]
show_table(matrix, lang, hide_index=False)
how_computed(ctx, t("perpindahan.how_deciles"), row["households_count"], rounded)
