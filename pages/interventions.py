"""Intervensi: coverage of verified targets by source, sector and strategy; overlaps; the left-behind list."""

import streamlit as st

from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.monitoring.analysis import left_behind_by_desa, overlap_bins
from sinergi.monitoring.charts import count_bars, share_bars
from sinergi.monitoring.widgets import how_computed
from sinergi.ui.components import code_labels, data_as_of, download_buttons, region_title, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

# By-name lists stay off until the access-control layer grants them to a role with the right to see them.
SHOW_NAMES = False

ctx = page_context("intervensi")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "today": ctx.as_of, "show_names": SHOW_NAMES}

st.title(t("intervensi.heading", region=region_title(ctx)))
data_as_of(ctx)

coverage = load("intervention_coverage", **params)
overlap = load("intervention_overlap", **params)
targets = int(overlap["households_count"].sum())
reached = targets - int(overlap.loc[overlap["sources_count"] == 0, "households_count"].sum())
tiles = st.columns(3)
tiles[0].metric(
    t("intervensi.targets"), fmt_number(targets, lang), help=t("intervensi.help.targets"), border=True
)
tiles[1].metric(t("intervensi.reached"), fmt_number(reached, lang), border=True)
tiles[2].metric(
    t("intervensi.reached_share"), fmt_pct(100.0 * reached / targets if targets else None, lang), border=True
)

coverage["coverage_pct"] = 100.0 * coverage["households_reached_count"] / coverage["target_households_count"]
columns = st.columns(3)
for col, dim in zip(columns, ["source", "sector", "strategy"], strict=True):
    part = coverage[coverage["dimension"] == dim]
    part = part.assign(label=[t(f"intervensi.{dim}.{v}") for v in part["dimension_value"]])
    with col:
        st.subheader(t(f"intervensi.by.{dim}"))
        st.plotly_chart(share_bars(part, "label", "coverage_pct", lang), key=f"intervensi_{dim}")
        how_computed(ctx, t("intervensi.how_coverage"), targets)

st.subheader(t("intervensi.overlap"))
bins = overlap_bins(overlap)
st.plotly_chart(count_bars(bins, "sources", "households_count", lang), key="intervensi_overlap")
how_computed(ctx, t("intervensi.how_overlap"), targets)

st.subheader(t("intervensi.left_behind"))
left = load("left_behind_households", **params)
st.markdown(t("intervensi.left_behind_intro", count=fmt_number(len(left), lang)))
if not left.empty:
    per_desa = left_behind_by_desa(left)
    desa_headers = {
        "desa_name": t("intervensi.col.desa"),
        "kecamatan_name": t("intervensi.col.kecamatan"),
        "households_count": t("intervensi.col.households"),
        "members_count": t("intervensi.col.members"),
    }
    show_table(per_desa, lang, desa_headers)
    listed = left if SHOW_NAMES else left.drop(columns=["head_name", "head_nik"], errors="ignore")
    list_headers = {c: t(f"intervensi.col.{c}") for c in listed.columns}
    with st.expander(t("intervensi.list")):
        show_table(
            listed, lang, list_headers, {"verification_status": code_labels("verification_status", lang)}
        )
    download_buttons(ctx, listed, f"tertinggal_{ctx.region_code}", list_headers)
how_computed(ctx, t("intervensi.how_left_behind"), len(left))
