"""Riwayat Program: past agency programs by sector, place, year, households reached and result."""

import streamlit as st

from sinergi.collaboration.charts import build_history_by_year, build_history_results
from sinergi.collaboration.display import label
from sinergi.collaboration.tables import filter_history
from sinergi.collaboration.widgets import declared_table
from sinergi.common.fmt import fmt_number, fmt_rupiah
from sinergi.common.vocabulary import PROGRAM_RESULTS as RESULTS
from sinergi.common.vocabulary import SECTORS
from sinergi.ui.components import data_as_of, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load, viewer_sees_households

ctx = page_context("riwayat")
t, lang = ctx.t, ctx.lang

st.title(t("riwayat.heading", region=region_title(ctx)))
data_as_of(ctx)
st.markdown(t("riwayat.intro"))
history = load("agency_programs_in_region", region=ctx.region_code)
if history.empty:
    st.info(t("riwayat.none"))
    st.stop()

first, last = int(history["year"].min()), int(history["year"].max())
# No kecamatan filter of its own: the sidebar's Kecamatan already narrows the region (two filters disagreed).
cols = st.columns(3)
sectors = cols[0].multiselect(
    t("mitra.filter.sector"),
    SECTORS,
    format_func=lambda c: label("mitra.sector", c, lang),
    placeholder=t("mitra.filter.all"),
    key="riwayat_sectors",
)
years = cols[1].slider(
    t("riwayat.filter.years"), first, max(last, first + 1), (first, last), key="riwayat_years"
)
results = cols[2].multiselect(
    t("riwayat.filter.result"),
    RESULTS,
    format_func=lambda r: label("riwayat.result", r, lang),
    placeholder=t("mitra.filter.all"),
    key="riwayat_results",
)
shown = filter_history(history, sectors, [], years, results)

tiles = st.columns(3)
tiles[0].metric(t("riwayat.metric.programs"), fmt_number(len(shown), lang), border=True)
# the tile follows free filters: shown like a table cell for roles without by-name access (rounded to 5), since
# exact sums for two filter settings give one program's count back (docs/privacy.md, rule 8)
tiles[1].metric(
    t("riwayat.chart.beneficiaries"), fmt_number(shown["beneficiaries_count"].sum(), lang), border=True
)
tiles[2].metric(t("riwayat.metric.budget"), fmt_rupiah(shown["budget_rp"].sum(), lang), border=True)

if not viewer_sees_households():
    st.caption(t("privacy.filtered_rounded"))

left, right = st.columns(2)
left.markdown(f"**{t('riwayat.chart.by_year')}**")
left.plotly_chart(build_history_by_year(shown, lang), key="riwayat_by_year")
right.markdown(f"**{t('riwayat.chart.by_result')}**")
right.plotly_chart(build_history_results(shown, lang), key="riwayat_by_result")

shown["sector_label"] = shown["sector_code"].map(lambda s: label("mitra.sector", s, lang))
shown["result_label"] = shown["result"].map(lambda r: label("riwayat.result", r, lang))
declared_table(ctx, shown, "program_history", f"riwayat_program_{ctx.region_code}", key="riwayat_table")
