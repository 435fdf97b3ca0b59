"""Potensi Sektor: per sector, the desa ranked by potential or need, with charts, tables and downloads."""

import streamlit as st

from sinergi.common.suppressed import show_counts
from sinergi.planning.map_indicators import SECTORS
from sinergi.planning.sector_charts import build_item_totals, build_sector_ranking
from sinergi.planning.sectors import SECTOR_VIEWS, column_labels, item_totals, top_locations
from sinergi.ui.components import data_as_of, download_buttons, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("potensi")
t, lang = ctx.t, ctx.lang
st.title(t("potensi.heading", region=region_title(ctx)))

sectors = [s for s in SECTORS if s != "semua"]
wanted = st.query_params.get("sektor", "pangan")
sector = (
    st.segmented_control(
        t("peta.sector"),
        sectors,
        default=wanted if wanted in sectors else "pangan",
        format_func=lambda s: t(f"peta.sector.{s}"),
        key="potensi_sector",
    )
    or "pangan"
)
st.query_params["sektor"] = sector
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
    st.dataframe(show_counts(table).rename(columns=headers), hide_index=True)
    download_buttons(ctx, table, f"potensi_{sector}_{ctx.region_code}", headers)
