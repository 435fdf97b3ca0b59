"""UI pieces shared by the monitoring pages: the "Cara hitung" note, definitions beside figures, the MoA selector
bound to ?moa=, and the cached comparison estimate."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sinergi.common.fmt import fmt_date, fmt_part, fmt_rupiah
from sinergi.monitoring.did import DidEstimate, did_estimate
from sinergi.monitoring.poverty_line import line_source
from sinergi.ui.components import show_table
from sinergi.ui.context import PageContext
from sinergi.ui.data import load
from sinergi.ui.selections import bind, keep


def how_computed(ctx: PageContext, text: str, households: object = None, rounded: bool = False) -> None:
    """Write a collapsed "Cara hitung" note under a figure, with the number of households behind it (a stated
    total: exact, or "<5"; rounded like a breakdown cell when a part of it is hidden: fmt_part)."""
    with st.expander(ctx.t("monev.how")):
        st.markdown(text)
        if households is not None:
            st.caption(ctx.t("monev.households_behind", count=fmt_part(households, ctx.lang, rounded)))


def definition(ctx: PageContext, key: str, **values: object) -> None:
    """Write the definition of the figure above it, in words, where the reader sees it (not behind a click)."""
    st.caption(f"{ctx.t('method.definition')}: {ctx.t(f'method.{key}', **values)}")


def poverty_lines(ctx: PageContext) -> str:
    """Return the extreme-poverty line of the baseline and of the chosen round, each with its source."""
    rounds = load("monitoring_rounds").set_index("round_id")
    lines = []
    for round_id in dict.fromkeys([ctx.baseline_round_id, ctx.round_id]):
        r = rounds.loc[round_id]
        source = (
            line_source(r["poverty_line_source"], ctx.lang)
            if isinstance(r["poverty_line_source"], str)
            else ctx.t("method.no_source")
        )
        lines.append(
            ctx.t(
                "method.poverty_line",
                round=r[f"name_{ctx.lang}"],
                line=fmt_rupiah(r["poverty_line_rp_per_capita_day"], ctx.lang, short=False),
                source=source,
            )
        )
    return " ".join(lines)


def round_date_note(ctx: PageContext) -> None:
    """Say which date the round stands for: counted interventions, coverage and budget stop there."""
    st.caption(
        ctx.t(
            "method.round_date",
            date=fmt_date(ctx.round_as_of, ctx.lang),
            round=ctx.round_name,
            as_of=fmt_date(ctx.as_of, ctx.lang),
        )
    )


@st.cache_data(max_entries=64, show_spinner=False)
def comparison_estimate(panel: pd.DataFrame, treated: str) -> DidEstimate:
    """Return did_estimate of the did_panel rows (the bootstrap takes a second: cached per result of the query,
    so per database version, region and round)."""
    return did_estimate(panel, treated)


def pipeline_list(ctx: PageContext, pipeline: pd.DataFrame) -> None:
    """List the region's drafts and discontinued MoAs apart, with no progress figure (moa_registry rows)."""
    if pipeline.empty:
        return
    st.subheader(ctx.t("method.pipeline_heading", count=len(pipeline)))
    st.caption(ctx.t("method.pipeline_note", date=fmt_date(ctx.as_of, ctx.lang)))
    columns = ["moa_id", "title", "status", "started_on", "current_stage_no"]
    # Dates in words and the stage by its name: the raw frame showed "2024-05-21 00:00:00" and a bare 7.
    shown = pipeline.assign(
        status=[ctx.t(f"moa.status.{s}") for s in pipeline["status"]],
        current_stage_no=[
            f"{int(n)}. {name}"
            for n, name in zip(pipeline["current_stage_no"], pipeline[f"stage_name_{ctx.lang}"], strict=True)
        ],
    )
    headers = {c: ctx.t(f"method.col.{c}") for c in columns}
    show_table(shown, ctx.lang, headers, {"started_on": lambda d: fmt_date(d, ctx.lang)})


def moa_selector(ctx: PageContext, moas: pd.DataFrame, key: str) -> str:
    """Return the chosen moa_id ('' = all MoAs of the region); the choice lives in ?moa= for deep links."""
    options = ["", *moas["moa_id"]]
    titles = dict(zip(moas["moa_id"], moas["moa_title"], strict=True))
    chosen = st.selectbox(
        ctx.t("monev.moa"),
        options,
        format_func=lambda m: ctx.t("monev.all_moa") if m == "" else f"{m} · {titles[m]}",
        **bind(key, "moa", options, ""),
    )
    keep("moa", chosen)
    return chosen or ""
