"""Perpindahan: the same households in two rounds — who left extreme poverty, who fell in, by sector and desa."""

import pandas as pd
import streamlit as st

from sinergi.common.fmt import fmt_number, fmt_part
from sinergi.common.suppressed import partition_hidden
from sinergi.monitoring.analysis import (
    TRANSITIONS,
    decile_matrix,
    desa_transitions,
    transition_counts,
    transitions_by_sector_query,
)
from sinergi.monitoring.charts import transition_bars, transition_sankey
from sinergi.monitoring.widgets import definition, how_computed, poverty_lines, round_date_note
from sinergi.ui.components import (
    PAGE_ROWS,
    chosen_rows,
    data_as_of,
    download_buttons,
    region_title,
    show_table,
)
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load, load_on_click

TOP_DESA = 25  # desa in the chart

ctx = page_context("perpindahan")
t, lang = ctx.t, ctx.lang
params = ctx.params
round_table = load("monitoring_rounds").set_index("round_id")
rounds = round_table[f"name_{lang}"]
round_names = (rounds[ctx.baseline_round_id], ctx.round_name)

st.title(t("perpindahan.heading", region=region_title(ctx)))
data_as_of(ctx)
stop_without_households(ctx)
if ctx.round_id == ctx.baseline_round_id:
    # a round against itself: nothing moved ("observed at Baseline 2025 and at Baseline 2025", then "no household
    # observed in both rounds" below it); as on Banding, the note alone
    st.info(t("monev.same_round"))
    st.stop()
st.caption(t("perpindahan.intro", baseline=round_names[0], round=round_names[1]))

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
# the region's counts by status and decile (a few hundred rows whatever its size); per desa only one page, in SQL
by_decile = load("household_transitions_by_decile", **params)
by_sector = load(transitions_by_sector_query(round_table.loc[ctx.round_id, "ended_on"], ctx.as_of), **params)
if population == "sasaran":
    by_decile, by_sector = by_decile[by_decile["is_target"]], by_sector[by_sector["is_target"]]
labels = {tr: t(f"perpindahan.transition.{tr}") for tr in TRANSITIONS}

total = transition_counts(by_decile)
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
desa_params = {**params, "targets_only": population == "sasaran"}


def desa_page(offset: int) -> pd.DataFrame:
    rows = load("household_transitions_desa", **desa_params, page_size=PAGE_ROWS, page_offset=offset)
    return rows.assign(desa=rows["desa_name"] + " (" + rows["desa_code"] + ")")


first = desa_page(0)
desa_total = int(first["desa_count"].iloc[0]) if len(first) else 0
top = first.head(TOP_DESA)
st.plotly_chart(transition_bars(top, "desa", labels, lang), key="perpindahan_desa")
how_computed(
    ctx,
    t("perpindahan.how_desa", count=len(top), total=fmt_number(desa_total, lang)),
    top["households_count"].sum(),
    rounded,
)
headers = {"desa": t("perpindahan.col.desa"), **labels, "households_count": t("perpindahan.col.households")}
with st.expander(t("perpindahan.table")):
    # keyed by region, round and population: another list's page number may not exist here
    key = f"perpindahan_page_{ctx.region_code}_{ctx.round_id}_{population}"
    offset, _ = chosen_rows(ctx, desa_total, key)
    show_table(first if offset == 0 else desa_page(offset), lang, headers)
    everything = load_on_click("household_transitions_by_desa", **params)

    def every_desa() -> pd.DataFrame:
        rows = everything()
        return desa_transitions(rows[rows["is_target"]] if population == "sasaran" else rows)

    download_buttons(
        ctx, first, f"perpindahan_desa_{ctx.region_code}", headers, full=(every_desa, desa_total)
    )

st.subheader(t("perpindahan.deciles"))
matrix = decile_matrix(by_decile)
matrix.index = [t("perpindahan.decile_row", decile=d, round=round_names[0]) for d in matrix.index]
matrix.columns = [t("perpindahan.decile_col", decile=d, round=round_names[1]) for d in matrix.columns]
show_table(matrix, lang, hide_index=False)
how_computed(ctx, t("perpindahan.how_deciles"), row["households_count"], rounded)
