"""Sector potential charts: the ranked locations and the per-item totals."""

from __future__ import annotations

import pandas as pd

from sinergi.common import plot as go
from sinergi.common.chart_style import SECTOR_COLOURS, base_layout, count_bar_args


def build_sector_ranking(
    top: pd.DataFrame, score: str, item: str, sector: str, lang: str, title: str
) -> go.Figure:
    """Return a horizontal bar chart of the desa by score (best on top), labelled with the leading item."""
    labels = top["desa_name"] + " (" + top["kecamatan_name"] + ")"
    fig = go.Figure(
        go.Bar(
            x=top[score],
            y=labels,
            orientation="h",
            marker_color=SECTOR_COLOURS[sector],
            text=top[item] if item != "desa_name" else None,
            textposition="inside",
            hovertemplate="%{y}<br>%{x:.1f}<extra></extra>",
        )
    )
    fig.update_layout(**base_layout(lang), title=title, height=max(300, 28 * len(top) + 80))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 100])
    return fig


def build_item_totals(
    totals: pd.DataFrame, item: str, columns: list[str], labels: list[str], lang: str
) -> go.Figure:
    """Return grouped bars of the total columns per item (commodity, source, product or desa)."""
    colours = ["#0072B2", "#E69F00", "#009E73"]
    fig = go.Figure(
        [
            go.Bar(
                name=label,
                x=totals[item],
                **count_bar_args(totals[col], lang, "y"),  # protected counts as the viewer may see them
                textposition="none",
                hovertemplate="%{x}: %{text}",
                marker_color=colours[i % 3],
            )
            for i, (col, label) in enumerate(zip(columns, labels, strict=True))
        ]
    )
    fig.update_layout(**base_layout(lang), barmode="group", height=380)
    return fig
