"""Chart builders of the briefing page other than the map (pure: no Streamlit calls)."""

from __future__ import annotations

import pandas as pd

from sinergi.common import plot as go
from sinergi.common.chart_style import base_layout
from sinergi.common.fmt import fmt_number
from sinergi.common.i18n import translate
from sinergi.monitoring.kpi import STATUS_COLOURS, STATUS_LABEL_KEYS, STATUSES

BASELINE_COLOUR = "#999999"  # no status yet: a neutral grey beside the status colours of later rounds


def build_kpi_status(tally: dict[str, int], lang: str = "id", height: int = 260) -> go.Figure:
    """Return horizontal bars of MoA KPI targets per status (tally from sinergi.briefing.content.kpi_tally)."""
    statuses = [s for s in STATUSES][::-1]  # first status on top
    labels = [translate(STATUS_LABEL_KEYS[s], lang) for s in statuses]
    counts = [tally.get(s, 0) for s in statuses]
    colours = [STATUS_COLOURS[s] for s in statuses]
    return _count_bars(labels, counts, colours, translate("briefing.kpi_axis", lang), lang, height, 15)


def build_kpi_baseline(kpi: pd.DataFrame, lang: str = "id", height: int = 260) -> go.Figure:
    """Return horizontal bars of how many MoAs set a target on each KPI, for a baseline round (kpi: kpi_by_moa rows):
    what will be measured from the next round, where a later round shows the targets by status."""
    per_kpi = kpi.groupby(f"kpi_name_{lang}", sort=False)["moa_id"].nunique().sort_values()
    axis = translate("briefing.kpi_axis_baseline", lang)
    fig = _count_bars(per_kpi.index.tolist(), per_kpi.tolist(), BASELINE_COLOUR, axis, lang, height, 13)
    fig.update_xaxes(tickformat="d")
    return fig


def _count_bars(
    labels: list[str],
    counts: list[int],
    colours: str | list[str],
    axis: str,
    lang: str,
    height: int,
    font: int,
) -> go.Figure:
    """Return the briefing's horizontal bars of KPI counts, each labelled with its number."""
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=counts,
            orientation="h",
            marker_color=colours,
            text=[fmt_number(c, lang) for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    layout = base_layout(lang)
    layout["margin"] = {"l": 10, "r": 40, "t": 10, "b": 40}
    fig.update_layout(**layout, height=height, showlegend=False, xaxis_title=axis)
    fig.update_yaxes(tickfont={"size": font}, automargin=True)
    return fig
