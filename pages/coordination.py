"""Koordinasi: who works where in which sector, the hub of agencies, gaps and the partners suited to each gap."""

import pandas as pd
import streamlit as st

from sinergi.collaboration.charts import build_area_sector_heatmap
from sinergi.collaboration.display import actors_display, gap_display, label
from sinergi.collaboration.rules import gap_cells, suggest_partners
from sinergi.collaboration.tables import area_labels, area_sector_matrix, gap_count_matrix, matrix_level
from sinergi.collaboration.widgets import declared_table, link_params, paged_table, selected_row
from sinergi.common.fmt import fmt_number
from sinergi.common.text import plain
from sinergi.common.vocabulary import HUB_ROLES
from sinergi.ui.components import data_as_of, region_title
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load

ctx = page_context("koordinasi")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "as_of": ctx.as_of}
HUB_CARDS = 5  # agency cards per hub role

st.title(t("koordinasi.heading", region=region_title(ctx)))
data_as_of(ctx)
stop_without_households(ctx)
# only the gaps are shown of the need table (a province has ~15,000 desa x sector rows)
gaps = gap_cells(load("sector_need_by_desa", **params, gaps_only=True))

st.subheader(t("koordinasi.gaps.heading"))
st.caption(t("koordinasi.gaps.summary"))
with st.expander(t("koordinasi.gaps.how")):
    st.markdown(t("koordinasi.gaps.definition"))
if gaps.empty:
    st.success(t("koordinasi.gaps.none"))
else:
    # Table and suggestions side by side: the suggestions appear where the planner is looking, no scrolling.
    table_col, suggest_col = st.columns([3, 2])
    table_col.caption(t("koordinasi.gaps.count", count=fmt_number(len(gaps), lang)))
    with table_col:
        # a province has thousands of gap desa: a page at a time, labelled per page, all of them in the downloads
        shown, state = paged_table(
            ctx,
            gaps,
            "coordination_gaps",
            f"celah_{ctx.region_code}",
            key="koordinasi_gaps",
            select=True,
            height=300,
            labelled=lambda rows: gap_display(rows, lang),
        )
    picked = selected_row(state)
    with suggest_col:
        if picked is None:
            st.info(t("koordinasi.gaps.pick"))
        else:
            gap = shown.iloc[picked]
            st.markdown(
                t(
                    "koordinasi.suggest.heading",
                    sector=gap["sector_label"],
                    desa=plain(gap["desa_name"]),
                    kecamatan=plain(gap["kecamatan_name"]),
                )
            )
            suggestions = suggest_partners(
                gap.to_dict(), load("partner_capacities_in_region", **params), lang, limit=8
            )
            if suggestions.empty:
                st.warning(t("koordinasi.suggest.none"))
            for row in suggestions.itertuples(index=False):
                st.page_link(
                    "pages/partners.py",
                    label=f"{row.rank}. {plain(row.partner_name)} ({label('mitra.type', row.partner_type, lang)})",
                    query_params=link_params(ctx, mitra=row.partner_id),
                )
                st.caption(plain(row.reason))


level = matrix_level(ctx.region_level)
st.subheader(t("koordinasi.matrix.heading", level=t(f"koordinasi.area.{level}")))
st.caption(t("koordinasi.matrix.hint"))
actors = load("actors_by_area_sector", **params)
areas = load("regions_under", parent_code=ctx.region_code)[["region_code", "name"]]
if ctx.region_level == "desa":
    areas = pd.DataFrame({"region_code": [ctx.region_code], "name": [ctx.region_name]})
st.plotly_chart(
    build_area_sector_heatmap(
        area_sector_matrix(actors, areas), gap_count_matrix(gaps, areas, level), lang, area_labels(areas)
    ),
    key="koordinasi_matrix",
)
if level == "kabupaten":
    # a province's kecamatan (hundreds) one kabupaten at a time, on demand
    drill = st.selectbox(
        t("koordinasi.matrix.drill"),
        list(areas["region_code"]),
        index=None,
        format_func=dict(zip(areas["region_code"], areas["name"], strict=True)).get,
        placeholder=t("koordinasi.matrix.drill_pick"),
        key=f"koordinasi_drill_{ctx.region_code}",
    )
    if drill is not None:
        inside = load("regions_under", parent_code=drill)[["region_code", "name"]]
        st.plotly_chart(
            build_area_sector_heatmap(
                area_sector_matrix(load("actors_by_area_sector", region=drill, as_of=ctx.as_of), inside),
                gap_count_matrix(gaps[gaps["kabupaten_code"] == drill], inside, "kecamatan"),
                lang,
                area_labels(inside),
            ),
            key="koordinasi_matrix_drill",
        )
with st.expander(t("koordinasi.matrix.table")):
    paged_table(
        ctx,
        actors,
        "actors_by_area_sector",
        f"siapa_dimana_{ctx.region_code}",
        key="koordinasi_actor_table",
        labelled=lambda rows: actors_display(rows, lang),
    )

st.subheader(t("koordinasi.hub.heading"))
st.container(border=True).markdown(t("koordinasi.hub.bupati"))
hub = load("hub_agencies_in_region", **params)
columns = st.columns(len(HUB_ROLES))
for col, role in zip(columns, HUB_ROLES, strict=True):
    with col.container(border=True):
        st.markdown(f"**{label('mitra.hub', role, lang)}**")
        agencies = hub[hub["hub_role"] == role]
        # a province has one agency per role and kabupaten (hundreds of cards): the busiest here, all in the table
        cards = agencies.sort_values("programs_count", ascending=False, kind="stable").head(HUB_CARDS)
        if len(cards) < len(agencies):
            st.caption(t("koordinasi.hub.cards_of", shown=len(cards), total=fmt_number(len(agencies), lang)))
        for agency in cards.itertuples(index=False):
            # Names are long and links stay on one line: the name as text, a short link under it.
            st.markdown(plain(agency.partner_name))
            st.caption(
                t(
                    "koordinasi.hub.agency",
                    programs=agency.latest_programs or "–",
                    moas=agency.running_moa_ids or "–",
                )
            )
            st.page_link(
                "pages/partners.py",
                label=t("koordinasi.hub.profile"),
                query_params=link_params(ctx, mitra=agency.partner_id),
            )
hub["role_label"] = hub["hub_role"].map(lambda r: label("mitra.hub", r, lang))
with st.expander(t("koordinasi.hub.table")):
    declared_table(ctx, hub, "hub_structure", f"simpul_{ctx.region_code}", key="koordinasi_hub_table")
