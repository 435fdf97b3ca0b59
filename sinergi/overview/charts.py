"""Chart builders for the Beranda page (pure: no Streamlit calls)."""

from __future__ import annotations

import pandas as pd

from sinergi.common import plot as go
from sinergi.common.chart_style import PALETTE, base_layout, count_bar_args
from sinergi.common.i18n import translate


def build_extreme_poor_by_region(by_region: pd.DataFrame, lang: str = "id", top: int = 20) -> go.Figure:
    """Return a horizontal bar chart of register extreme-poor households and observed ones, per child region."""
    # ranked on the true values (protected counts compare by them); only what is drawn is protected
    df = (
        by_region.sort_values("extreme_poor_households_count", ascending=False, kind="stable")
        .head(top)
        .iloc[::-1]
    )
    fig = go.Figure()
    for column, key, colour in [
        ("extreme_poor_households_count", "beranda.chart.register", PALETTE["primary"]),
        ("observed_extreme_poor_count", "beranda.chart.observed", PALETTE["secondary"]),
    ]:
        fig.add_trace(
            go.Bar(
                y=df["name"],
                **count_bar_args(df[column], lang, "x"),
                orientation="h",
                name=translate(key, lang),
                marker_color=colour,
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra>" + translate(key, lang) + "</extra>",
            )
        )
    fig.update_layout(
        **base_layout(lang),
        barmode="group",
        height=max(320, 28 * len(df) + 120),
        xaxis_title=translate("beranda.chart.households", lang),
    )
    return fig
