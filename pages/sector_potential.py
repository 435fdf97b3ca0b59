"""Potensi Sektor: per sector, the desa ranked by potential or need, with charts, tables and downloads."""

import streamlit as st

from sinergi.planning.map_indicators import SECTORS
from sinergi.planning.sector_charts import build_item_totals, build_sector_ranking
from sinergi.planning.sectors import SECTOR_VIEWS, column_labels, item_totals, top_locations
from sinergi.ui.components import (
    code_labels,
    data_as_of,
    download_buttons,
    page_of_rows,
    region_title,
    show_table,
)
from sinergi.ui.context import page_context
from sinergi.ui.data import load
from sinergi.ui.selections import bind, keep

ctx = page_context("potensi")
t, lang = ctx.t, ctx.lang
CODE_COLUMNS = {
    "commodity_group": code_labels("commodity_group", lang),
    "energy_source": code_labels("energy_source", lang),
}
st.title(t("potensi.heading", region=region_title(ctx)))

sectors = [s for s in SECTORS if s != "semua"]
sector = (
    st.segmented_control(
        t("peta.sector"),
        sectors,
        format_func=lambda s: t(f"peta.sector.{s}"),
        required=True,
        **bind("potensi_sector", "sektor", sectors, "pangan"),
    )
    or "pangan"
)
keep("sektor", sector)
view = SECTOR_VIEWS[sector]
st.caption(t(f"potensi.intro.{sector}"))

rows = load(view.query, region=ctx.region_code)
if rows.empty:
    st.info(t("potensi.empty"))
    st.stop()

top_n = 15
top = top_locations(rows, sector, top_n)
st.plotly_chart(
    build_sector_ranking(top, view.score, view.item, sector, lang, t("potensi.ranking", n=len(top))),
    key="potensi_ranking",
)
st.subheader(t(f"potensi.totals.{sector}"))
st.plotly_chart(
    build_item_totals(
        item_totals(rows, sector),
        view.item,
        list(view.totals),
        [t(f"potensi.axis.{c}") for c in view.totals],
        lang,
    ),
    key="potensi_totals",
)
data_as_of(ctx)

table = rows[["desa_code", "desa_name", "kecamatan_name", *view.columns]]
headers = column_labels(list(table.columns), lang)
with st.expander(t("potensi.table"), expanded=True):
    # best first, a page at a time: a province has ~11,000 desa x item rows; the downloads hold them all
    shown = page_of_rows(ctx, table, f"potensi_page_{ctx.region_code}_{sector}")
    show_table(shown, lang, headers, CODE_COLUMNS)
    download_buttons(
        ctx,
        shown,
        f"potensi_{sector}_{ctx.region_code}",
        headers,
        CODE_COLUMNS,
        full=(lambda: table, len(table)),
    )
