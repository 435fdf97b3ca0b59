"""UI pieces shared by the monitoring pages: the "Cara hitung" note and the MoA selector bound to ?moa=."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sinergi.common.fmt import fmt_total
from sinergi.ui.context import PageContext
from sinergi.ui.selections import bind, keep


def how_computed(ctx: PageContext, text: str, households: object = None) -> None:
    """Write a collapsed "Cara hitung" note under a figure, with the number of households behind it (a stated
    total: exact, or "<5")."""
    with st.expander(ctx.t("monev.how")):
        st.markdown(text)
        if households is not None:
            st.caption(ctx.t("monev.households_behind", count=fmt_total(households, ctx.lang)))


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
