"""Briefing Bupati: a handful of figures, one map, KPI progress and the MoAs that need a decision, for a projector."""

from datetime import date

import streamlit as st

from sinergi.access.login import session_viewer
from sinergi.briefing.charts import build_kpi_status
from sinergi.briefing.content import (
    decision_lines,
    gather,
    heading,
    kpi_rows,
    kpi_tally,
    subheading,
    summary_sentences,
    tiles,
)
from sinergi.briefing.map import build_briefing_map, ground_aspect
from sinergi.briefing.widgets import export_job, export_progress, print_stylesheet, start_export
from sinergi.common.fmt import EMPTY, fmt_number, fmt_pct
from sinergi.monitoring.tables import kpi_baseline_table, written_styler
from sinergi.ui.components import (
    data_as_of,
    download_buttons,
    metric_delta,
    offer_download,
    region_title,
    show_table,
    table_and_downloads,
)
from sinergi.ui.context import page_context
from sinergi.ui.coverage import stop_without_households
from sinergi.ui.data import database_version, load

DECISIONS_SHOWN = 3  # the most urgent; the rest behind a link, so the page fits one projector screen
MAP_HEIGHT_PX = 420
KPI_TABLE_HEIGHT_PX = (
    300  # the baseline KPIs beside the map: the rest scrolls, the page still fits one screen
)
WIDE_ASPECT = 0.6  # height / width on the ground below which the map's legend goes under it

ctx = page_context("briefing")
t, lang = ctx.t, ctx.lang
print_stylesheet()
b = gather(load, ctx.region_code, ctx.round_id, ctx.baseline_round_id, ctx.as_of)

# One 1920 x 1080 screen for a kabupaten: title, three sentences, six tiles in a row, then map, KPIs and the most
# urgent decisions side by side; tables and exports below the fold.
st.title(heading(b, lang, region_title(ctx)))
st.caption(subheading(b, lang, ctx.round_name, ctx.as_of))
stop_without_households(ctx)
with st.container(border=True):
    st.markdown("\n".join(f"- **{sentence}**" for sentence in summary_sentences(b, lang)))

# A row that wraps: six equal columns cut the values short on a laptop ("Rp 13,…", issue 16's walk at 1440 px)
tile_row = st.container(horizontal=True, key="briefing_tiles")
for tile in tiles(b, lang):
    tile_row.metric(
        tile.label, tile.value, help=tile.help, border=True, **metric_delta(tile.delta, tile.delta_color)
    )

map_column, kpi_column, decision_column = st.columns([5, 3, 4])
with map_column:
    st.markdown(f"**{t('briefing.map_title', round=ctx.round_name)}**")
    if len(b.by_desa):
        st.plotly_chart(
            # a wide region (a province) keeps the column's width for the map: its legend goes below
            build_briefing_map(
                b.by_desa,
                lang,
                ctx.round_name,
                height=MAP_HEIGHT_PX,
                legend_below=ground_aspect(b.by_desa) < WIDE_ASPECT,
            ),
            key="briefing_map",
        )
    else:
        st.info(t("briefing.map_none"))
with kpi_column:
    st.markdown(f"**{t('briefing.kpi_title_baseline' if b.is_baseline else 'briefing.kpi_title')}**")
    if not len(b.kpi):
        st.info(t("briefing.kpi_none"))
    elif b.is_baseline:
        # nothing to compare yet: the starting values, and when progress will show
        st.info(t("briefing.kpi_baseline_note"))
        baseline_table, baseline_texts = kpi_baseline_table(b.kpi, lang, t)
        st.dataframe(
            written_styler(baseline_table, baseline_texts),
            hide_index=True,
            placeholder=EMPTY,
            height=KPI_TABLE_HEIGHT_PX,
            # the KPI's name and its two values in the column's width; the MoA beyond them, scrolled to
            column_config={
                t("monev.col.kpi"): st.column_config.TextColumn(width="medium"),
                t("method.col.baseline_value"): st.column_config.Column(width="small"),
                t("monev.col.target"): st.column_config.Column(width="small"),
            },
            key="briefing_kpi_baseline",
        )
    else:
        st.plotly_chart(build_kpi_status(kpi_tally(b.kpi), lang, height=240), key="briefing_kpi")
with decision_column:
    count = len(b.decisions)
    # On a projector every MoA counted is named, or the count says how many are shown.
    shown = (
        t("briefing.decisions_shown", shown=DECISIONS_SHOWN, count=fmt_number(count, lang))
        if count > DECISIONS_SHOWN
        else fmt_number(count, lang)
    )
    st.markdown(f"**{t('briefing.decisions_title')} ({shown})**")
    if count:
        lines = decision_lines(b, lang)
        st.markdown("\n".join(f"- {line}" for line in lines[:DECISIONS_SHOWN]))
        if count > DECISIONS_SHOWN:
            # All of them here, not a link: the MoA page lists agreements by alert, not the KPI reason.
            with st.expander(t("briefing.more_link", count=fmt_number(count - DECISIONS_SHOWN, lang))):
                st.markdown("\n".join(f"- {line}" for line in lines[DECISIONS_SHOWN:]))
    else:
        st.success(t("briefing.decisions_none"))

# data_as_of already says "Sumber: …"; the briefing adds what it compiles, not a second "Sumber:"
data_as_of(ctx, f"{t('briefing.compiled')} {t('briefing.disclaimer')}")

# at the baseline the round's value is the baseline itself: no value, attainment or status beside it
kpi_columns = ("moa_id", "kpi", "baseline", "target")
kpi_headers = {
    c: t(f"briefing.col.{c}")
    for c in (
        kpi_columns
        if b.is_baseline
        else ("moa_id", "kpi", "baseline", "value", "target", "attainment", "status")
    )
}
# The tables below the fold are drawn when opened (a province's has ~4,000 desa): the rest of the page is unchanged
kpi_box = st.expander(t("briefing.kpi_table"), key="briefing_kpi_table", on_change="rerun")
if kpi_box.open:
    with kpi_box:
        kpi_table = kpi_rows(b, lang)
        kpi_formats = {"attainment": lambda v: fmt_pct(v, lang, 0)}
        show_table(kpi_table, lang, kpi_headers, kpi_formats)
        if (
            not session_viewer().by_name
        ):  # attainment bands and protected written figures (docs/privacy.md, rule 8)
            st.caption(t("privacy.kpi_rounded"))
        stem = f"briefing_kpi_{ctx.region_code}_{ctx.round_id}"
        download_buttons(ctx, kpi_table, stem, kpi_headers, kpi_formats)
desa_headers = {
    "desa_code": t("briefing.col.desa_code"),
    "name": t("briefing.col.desa"),
    "kecamatan_name": t("briefing.col.kecamatan"),
    "observed_extreme_poor_count": t("briefing.col.observed"),
    "baseline_extreme_poor_count": t("briefing.col.baseline_poor"),
    "extreme_poor_households_count": t("briefing.col.register"),
}
desa_box = st.expander(t("briefing.map_table"), key="briefing_desa_table", on_change="rerun")
if desa_box.open:
    with desa_box:
        table_and_downloads(ctx, b.by_desa, f"briefing_desa_{ctx.region_code}_{ctx.round_id}", desa_headers)

export_box = st.container(key="briefing_export")
export_box.subheader(t("briefing.export_title"))
viewer = session_viewer()
export_key = (database_version(), viewer.role, viewer.scope, ctx.region_code, ctx.round_id, lang, ctx.as_of)
if export_box.button(t("briefing.export_prepare"), key="briefing_prepare"):
    start_export(
        export_key,
        viewer,
        ctx.region_code,
        region_title(ctx, markdown=False),
        ctx.round_id,
        ctx.round_name,
        ctx.baseline_round_id,
        lang,
        ctx.as_of,
        ctx.is_synthetic,
        date.today(),  # only the footer's "generated on"
    )
job = export_job(export_key)
if job is not None and job.error is not None:
    export_box.error(t("briefing.export_failed", error=job.error))
elif job is not None and job.files is not None:
    stem = f"briefing_{ctx.region_code}_{ctx.round_id}_{lang}".replace(".", "")
    pdf_column, pptx_column = export_box.columns(2)
    scope = {"table": "briefing", "region": ctx.region_code, "round": ctx.round_id, "lang": lang}
    pdf, pptx = job.files
    offer_download(
        pdf_column,
        t("briefing.export_pdf"),
        lambda: pdf,
        f"{stem}.pdf",
        "application/pdf",
        "briefing_pdf",
        {**scope, "format": "pdf"},
    )
    offer_download(
        pptx_column,
        t("briefing.export_pptx"),
        lambda: pptx,
        f"{stem}.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "briefing_pptx",
        {**scope, "format": "pptx"},
    )
elif job is not None:
    with export_box:
        export_progress(export_key, lang)
