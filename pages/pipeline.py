"""Alur Program: collaborations per program-flow stage and those that have not moved for a while."""

import streamlit as st

from sinergi.collaboration.charts import build_stage_counts
from sinergi.collaboration.display import label
from sinergi.collaboration.rules import stuck_items
from sinergi.collaboration.widgets import declared_table, link_params
from sinergi.common.fmt import fmt_date
from sinergi.common.stuck import STUCK_DAYS
from sinergi.ui.components import data_as_of, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("alur")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code}

st.title(t("alur.heading", region=region_title(ctx)))
data_as_of(ctx)
st.markdown(t("alur.intro"))
counts = load("moa_stage_counts", **params)
st.plotly_chart(build_stage_counts(counts, lang), key="alur_stage_counts")
counts["stage_label"] = counts[f"name_{lang}"]
with st.expander(t("alur.table")):
    declared_table(ctx, counts, "moa_stage_counts", f"alur_{ctx.region_code}", key="alur_counts_table")

st.subheader(t("alur.stuck.heading"))
days = st.number_input(
    t("alur.stuck.days"), min_value=0, max_value=3650, value=STUCK_DAYS, step=30, key="alur_days"
)
stages = load("moa_stage_dates", **params)
stuck = stuck_items(stages, ctx.as_of, int(days))
st.caption(t("alur.stuck.hint", today=fmt_date(ctx.as_of, lang)))
if stuck.empty:
    st.success(t("alur.stuck.none", days=int(days)))
else:
    names = dict(zip(stages["stage_no"], stages[f"stage_name_{lang}"], strict=False))
    stuck["stage_label"] = [f"{n}. {names[n]}" for n in stuck["stage_no"]]
    stuck["status_label"] = stuck["status"].map(lambda s: label("moa.status", s, lang))
    declared_table(ctx, stuck, "stuck_moas", f"macet_{ctx.region_code}", key="alur_stuck_table")
    for moa_id in stuck["moa_id"]:
        st.page_link(
            "pages/agreements.py",
            label=t("alur.open_moa", moa=moa_id),
            query_params=link_params(ctx, moa=moa_id),
        )
