"""MoA: the agreements of the region (status, period timeline, alerts) and one MoA in detail (?moa=MOA-0201)."""

import streamlit as st

from sinergi.collaboration.charts import build_contribution_heatmap, build_moa_timeline, build_target_desa_map
from sinergi.collaboration.display import alert_lines, label, moa_display
from sinergi.collaboration.rules import moa_alerts
from sinergi.collaboration.tables import contribution_matrix
from sinergi.collaboration.widgets import choose_one, declared_table, follow_row_pick, link_params
from sinergi.common.fmt import fmt_date, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.stuck import STUCK_DAYS
from sinergi.common.text import plain
from sinergi.common.vocabulary import MOA_STATUSES
from sinergi.ui.components import data_as_of, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("moa")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "as_of": ctx.as_of}

st.title(t("moa.heading", region=region_title(ctx)))
data_as_of(ctx)
moas = moa_display(load("moa_registry", **params), lang)
if moas.empty:
    st.info(t("moa.none"))
    st.stop()

# An MoA named in the link (?moa=, e.g. from a partner profile) is what the reader came for: details first.
first, second = st.container(), st.container()
list_box, detail_box = (
    (second, first) if st.query_params.get("moa") in set(moas["moa_id"]) else (first, second)
)

alerts = moa_alerts(moas, load("moa_stage_dates", region=ctx.region_code), ctx.as_of)
with list_box:
    # One box per kind of alert, one line per MoA: a province view has twenty of them.
    for kind, lines in alert_lines(alerts, lang).items():
        box = st.error if kind == "ended_undecided" else st.warning
        box(
            t(f"moa.alert.{kind}.heading", count=len(lines), days=STUCK_DAYS)
            + "\n\n"
            + "\n".join(f"- {line}" for line in lines)
        )

    st.subheader(t("moa.list"))
    statuses = st.multiselect(
        t("moa.filter.status"),
        MOA_STATUSES,
        format_func=lambda s: label("moa.status", s, lang),
        placeholder=t("mitra.filter.all"),
        key="moa_statuses",
    )
    listed = moas[moas["status"].isin(statuses)].reset_index(drop=True) if statuses else moas
    state = declared_table(
        ctx, listed, "moa_registry", f"moa_{ctx.region_code}", key="moa_registry", select=True
    )
    st.caption(t("moa.list_hint"))
    follow_row_pick(state, listed, "moa_id", "moa")

    st.subheader(t("moa.timeline"))
    st.plotly_chart(build_moa_timeline(listed, ctx.as_of, lang), key="moa_timeline")

with detail_box:
    titles = dict(zip(moas["moa_id"], moas["title"], strict=True))
    chosen = choose_one(t("moa.detail.choose"), t("moa.detail.pick"), "moa", titles)
    moa = moas[moas["moa_id"] == chosen].iloc[0]
    detail = {**params, "moa_id": chosen}

    st.header(f"{moa['moa_id']} · {plain(moa['title'])}")
    st.markdown(
        t(
            "moa.detail.facts",
            number=plain(moa["moa_number"]),
            status=moa["status_label"],
            period=moa["period_label"],
            signed=fmt_date(moa["signed_on"], lang),
            sectors=moa["sectors_label"],
        )
    )
    if isinstance(moa["renewal_of_moa_id"], str):
        st.markdown(t("moa.detail.renews", moa=moa["renewal_of_moa_id"]))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('moa.detail.scope')}** {plain(moa['scope'])}")
        st.markdown(f"**{t('moa.detail.resources')}** {plain(moa['resources'])}")
        st.markdown(f"**{t('moa.detail.action_plan')}** {plain(moa['action_plan'])}")
        st.markdown(f"**{t('moa.detail.parties')}**")
        for party in load("moa_parties", **params).query("moa_id == @chosen").itertuples(index=False):
            st.page_link(
                "pages/partners.py",
                label=f"{plain(party.partner_name)} — {label('moa.role', party.party_role, lang)}",
                query_params=link_params(ctx, mitra=party.partner_id),
            )
    with right:
        shapes = load("moa_target_desa_shapes", **detail)
        targets = shapes[shapes["is_target"]]
        st.markdown(f"**{t('moa.detail.target_desa', count=fmt_number(len(targets), lang))}**")
        if len(shapes):
            st.plotly_chart(build_target_desa_map(shapes, lang), key="moa_target_map")
            st.caption(
                ", ".join(
                    f"{plain(d)} ({plain(k)})"
                    for d, k in zip(targets["desa_name"], targets["kecamatan_name"], strict=True)
                )
            )

    st.subheader(t("moa.matrix.heading"))
    matrix = contribution_matrix(load("moa_contributions", **detail))
    if matrix.empty:
        st.info(t("moa.matrix.none"))
    else:
        total_p, total_r = matrix["pledged_value_rp"].sum(), matrix["realised_value_rp"].sum()
        st.caption(
            t(
                "moa.matrix.total",
                pledged=fmt_rupiah(total_p, lang),
                realised=fmt_rupiah(total_r, lang),
                pct=fmt_pct(100 * total_r / total_p if total_p else None, lang, 0),
            )
        )
        st.plotly_chart(build_contribution_heatmap(matrix, lang), key="moa_matrix_chart")
        matrix["kind_label"] = matrix["contribution_kind"].map(lambda k: label("mitra.kind", k, lang))
        declared_table(ctx, matrix, "contribution_matrix", f"kontribusi_{chosen}", key="moa_matrix_table")

    st.subheader(t("moa.kpi.heading"))
    kpis = load("moa_kpi_targets", **detail)
    kpis["kpi_label"] = kpis[f"name_{lang}"]
    kpis["direction_label"] = kpis["direction"].map(lambda d: label("moa.kpi.direction", d, lang))
    declared_table(ctx, kpis, "moa_kpi_targets", f"kpi_{chosen}", key="moa_kpi_table")
    st.caption(t("moa.kpi.hint"))

    st.subheader(t("moa.flow.heading"))
    stages = load("moa_stage_dates", **params).query("moa_id == @chosen")
    reached = dict(zip(stages["stage_no"], stages["reached_on"], strict=True))
    flow = load("moa_stage_counts", **params)
    for col, stage in zip(st.columns(len(flow)), flow.itertuples(index=False), strict=True):
        date_text = (
            fmt_date(reached[stage.stage_no], lang) if stage.stage_no in reached else t("moa.flow.not_yet")
        )
        mark = "✔" if stage.stage_no in reached else "○"
        col.markdown(f"**{mark} {stage.stage_no}. {getattr(stage, f'name_{lang}')}**  \n{date_text}")
