"""Intervensi: coverage of verified targets by source, sector and strategy; overlaps; the left-behind list."""

import pandas as pd
import streamlit as st

from sinergi.common.fmt import fmt_date, fmt_pct, fmt_total
from sinergi.common.suppressed import protected_share, share_cells, total_value, true_share
from sinergi.monitoring.analysis import overlap_bins
from sinergi.monitoring.charts import count_bars, share_bars
from sinergi.monitoring.widgets import definition, how_computed, round_date_note
from sinergi.ui.components import (
    chosen_rows,
    code_labels,
    data_as_of,
    download_buttons,
    page_of_rows,
    region_title,
    show_table,
)
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import load, load_on_click, viewer_sees_households

# By-name lists stay off until the access-control layer grants them to a role with the right to see them.
SHOW_NAMES = False


def without_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the list as shown: names and NIK dropped unless SHOW_NAMES."""
    return frame if SHOW_NAMES else frame.drop(columns=["head_name", "head_nik"], errors="ignore")


ctx = page_context("intervensi")
t, lang = ctx.t, ctx.lang
params = {**ctx.params, "show_names": SHOW_NAMES}

st.title(t("intervensi.heading", region=region_title(ctx)))
data_as_of(ctx)
stop_without_households(ctx)
round_date_note(ctx)

coverage = load("intervention_coverage", **params)
overlap = load("intervention_overlap", **params)
# totals from the true counts; only what is shown is protected (docs/privacy.md)
targets = overlap["households_count"].sum()
reached = targets - overlap.loc[overlap["sources_count"] == 0, "households_count"].sum()
tiles = st.columns(3)
tiles[0].metric(
    t("intervensi.targets"), fmt_total(targets, lang), help=t("intervensi.help.targets"), border=True
)
tiles[1].metric(t("intervensi.reached"), fmt_total(reached, lang), border=True)
tiles[2].metric(t("intervensi.reached_share"), fmt_pct(true_share(reached, targets), lang), border=True)
with tiles[0]:
    definition(ctx, "verified_target")
with tiles[1]:
    definition(ctx, "reached", date=fmt_date(ctx.round_as_of, lang))

coverage["coverage_pct"] = share_cells(
    [
        protected_share(r, n)
        for r, n in zip(
            coverage["households_reached_count"], coverage["target_households_count"], strict=True
        )
    ],
    coverage.index,
)
parts = {
    dim: part.assign(label=[t(f"intervensi.{dim}.{v}") for v in part["dimension_value"]])
    for dim in ("source", "sector", "strategy")
    for part in [coverage[coverage["dimension"] == dim]]
}
slots = max(len(part) for part in parts.values())
# headings in a row of their own: one that wraps ("Menurut strategi Inpres 4/2022") moves no chart down
for col, dim in zip(st.columns(3), parts, strict=True):
    col.subheader(t(f"intervensi.by.{dim}"))
for col, (dim, part) in zip(st.columns(3), parts.items(), strict=True):
    with col:
        st.plotly_chart(share_bars(part, "label", "coverage_pct", lang, slots=slots), key=f"intervensi_{dim}")
        how_computed(ctx, t("intervensi.how_coverage"), targets)

st.subheader(t("intervensi.overlap"))
bins = overlap_bins(overlap)
st.plotly_chart(count_bars(bins, "sources", "households_count", lang), key="intervensi_overlap")
how_computed(ctx, t("intervensi.how_overlap"), targets)

st.subheader(t("intervensi.left_behind"))
# The count per desa comes from the summaries for every role; household rows only for by-name roles, one page of
# them at a time (a province has tens of thousands); the downloads hold the whole list, read on click.
per_desa = load("left_behind_by_desa", **params)
left_total = per_desa["households_count"].sum() if len(per_desa) else 0
st.markdown(
    t("intervensi.left_behind_intro", count=fmt_total(left_total, lang), date=fmt_date(ctx.round_as_of, lang))
)
if not per_desa.empty:
    desa_headers = {
        "desa_name": t("intervensi.col.desa"),
        "kecamatan_name": t("intervensi.col.kecamatan"),
        "households_count": t("intervensi.col.households"),
        "members_count": t("intervensi.col.members"),
    }
    # a province has thousands of desa with someone left behind: one page at a time, the downloads hold them all
    desa_key = f"intervensi_desa_page_{ctx.region_code}_{ctx.round_id}"
    show_table(page_of_rows(ctx, per_desa, desa_key), lang, desa_headers)
    if viewer_sees_households():
        listed_total = int(total_value(left_total) or 0)  # by-name roles: exact
        with st.expander(t("intervensi.list")):
            # keyed by region and round: another region's page number may not exist here
            key = f"intervensi_page_{ctx.region_code}_{ctx.round_id}"
            offset, size = chosen_rows(ctx, listed_total, key)
            left = load("left_behind_households", **params, page_size=size, page_offset=offset)
            listed = without_names(left)
            list_headers = {c: t(f"intervensi.col.{c}") for c in listed.columns}
            list_formats = {"verification_status": code_labels("verification_status", lang)}
            show_table(listed, lang, list_headers, list_formats)
        everything = load_on_click("left_behind_households", **params, page_size=None, page_offset=0)
        download_buttons(
            ctx,
            listed,
            f"tertinggal_{ctx.region_code}",
            list_headers,
            list_formats,
            full=(lambda: without_names(everything()), listed_total),
        )
    else:
        download_buttons(ctx, per_desa, f"tertinggal_desa_{ctx.region_code}", desa_headers)
how_computed(ctx, t("intervensi.how_left_behind"), left_total)
