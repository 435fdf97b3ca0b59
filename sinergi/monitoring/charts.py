"""Figures for household transitions, the fair comparison, intervention coverage and budget."""

from __future__ import annotations

import pandas as pd

from sinergi.common import plot as go
from sinergi.common.chart_style import PALETTE, base_layout, count_bar_args
from sinergi.common.fmt import fmt_part, fmt_pct
from sinergi.common.suppressed import LIMIT, breakdown_value, total_value
from sinergi.monitoring.analysis import TRANSITIONS

# a flow of 1-4 is drawn this wide whatever its count (not a whole number: it reads as no count)
HIDDEN_WIDTH = LIMIT / 2
TRANSITION_COLOURS = {
    "keluar": PALETTE["good"],
    "masuk": PALETTE["bad"],
    "tetap_miskin": PALETTE["secondary"],
    "tetap_tidak_miskin": PALETTE["sky"],
}


def transition_bars(counts: pd.DataFrame, by: str, labels: dict[str, str], lang: str = "id") -> go.Figure:
    """Return stacked horizontal bars of households per transition for each value of `by`.

    labels: the transition names and the values of `by`, localised.
    """
    y = [labels.get(v, v) for v in counts[by]]
    fig = go.Figure(
        [
            go.Bar(
                y=y,
                **count_bar_args(counts[tr], lang, "x"),
                hovertemplate="%{y}: %{text}",
                textposition="none",
                name=labels[tr],
                orientation="h",
                marker_color=TRANSITION_COLOURS[tr],
            )
            for tr in TRANSITIONS
        ]
    )
    fig.update_layout(**base_layout(lang), barmode="stack", height=max(220, 90 + 32 * len(counts)))
    fig.update_yaxes(autorange="reversed", type="category")
    return fig


def transition_sankey(
    counts: pd.Series,
    labels: dict[str, str],
    round_names: tuple[str, str],
    lang: str = "id",
    rounded: bool = False,
) -> go.Figure:
    """Return a Sankey from extreme-poor status at baseline to status now. counts: one row of transition_counts
    (the region's totals: exact, or, when rounded, as breakdown cells). A flow of 1-4 is drawn at a fixed symbolic
    width, labelled "<5"; no hover shows a number a hidden flow is part of (node sums are not shown)."""
    value = breakdown_value if rounded else total_value
    shown = {t: value(counts[t]) for t in TRANSITIONS}
    text = {t: fmt_part(counts[t], lang, rounded) for t in TRANSITIONS}
    nodes = [
        f"{labels['poor']} ({round_names[0]})",
        f"{labels['not_poor']} ({round_names[0]})",
        f"{labels['poor']} ({round_names[1]})",
        f"{labels['not_poor']} ({round_names[1]})",
    ]
    links = {"keluar": (0, 3), "tetap_miskin": (0, 2), "masuk": (1, 2), "tetap_tidak_miskin": (1, 3)}
    fig = go.Figure(
        go.Sankey(
            node={
                "label": nodes,
                "color": [PALETTE["secondary"], PALETTE["sky"], PALETTE["secondary"], PALETTE["sky"]],
                "pad": 20,
                # a node's hover would add its flows, the hidden one at its drawn width: the name only
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [links[t][0] for t in TRANSITIONS],
                "target": [links[t][1] for t in TRANSITIONS],
                "value": [HIDDEN_WIDTH if shown[t] is None else int(shown[t]) for t in TRANSITIONS],
                "label": [f"{labels[t]}: {text[t]}" for t in TRANSITIONS],
                "customdata": [text[t] for t in TRANSITIONS],
                "hovertemplate": "%{label}<extra></extra>",
                "color": [TRANSITION_COLOURS[t] + "99" for t in TRANSITIONS],
            },
            # plotly's default grey label with a white halo was hard to read over the coloured flows on a projector
            textfont={"color": "#1a1a1a", "shadow": "none", "size": 15, "weight": 600},
        )
    )
    fig.update_layout(
        font={"size": 14},
        margin={"l": 10, "r": 10, "t": 20, "b": 20},
        height=340,
        separators=base_layout(lang)["separators"],
    )
    return fig


def did_chart(
    shares: dict[str, tuple[float, float]],
    names: dict[str, str],
    round_names: tuple[str, str],
    lang: str = "id",
) -> go.Figure:
    """Return the extreme-poor share (%) at baseline and at the round: one line for the treated households, one for
    the reweighted comparison. shares: {"sasaran": (baseline, now), "pembanding": (baseline, now)}."""
    styles = {"sasaran": (PALETTE["primary"], "solid"), "pembanding": (PALETTE["neutral"], "dash")}
    fig = go.Figure(
        [
            go.Scatter(
                x=list(round_names),
                y=list(shares[group]),
                name=names[group],
                mode="lines+markers+text",
                line={"color": colour, "dash": dash, "width": 3},
                text=[fmt_pct(v, lang) for v in shares[group]],
                texttemplate="%{text}",
                textposition="top center",
                cliponaxis=False,
            )
            for group, (colour, dash) in styles.items()
        ]
    )
    fig.update_layout(**base_layout(lang), height=360)
    # Room above 100 % for a label over a point near the top (99,4 % was cut off); ticks stop at 100 %.
    fig.update_yaxes(title=names["axis"], range=[0, 112], tickvals=list(range(0, 101, 20)))
    fig.update_xaxes(type="category")
    return fig


def share_bars(
    frame: pd.DataFrame,
    label_col: str,
    value_col: str,
    lang: str = "id",
    colour: str | None = None,
    slots: int | None = None,
) -> go.Figure:
    """Return horizontal bars of a percentage (value_col) per label.

    slots: room for this many bars (at least the frame's), so that charts side by side share their height and
    their bars' thickness."""
    slots = max(slots or 0, len(frame))
    fig = go.Figure(
        go.Bar(
            # a withheld share stands at 0 with its word: plotly writes no text beside a missing bar
            x=pd.to_numeric(frame[value_col], errors="coerce").astype("float64").fillna(0.0),
            y=frame[label_col],
            orientation="h",
            marker_color=colour or PALETTE["primary"],
            # a share withheld for the viewer (docs/privacy.md) reads as a word, never an empty bar that looks like 0
            text=[fmt_pct(v, lang, 0) for v in frame[value_col]],
            hovertemplate="%{y}: %{text}<extra></extra>",
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_layout(**base_layout(lang), height=max(180, 70 + 34 * slots), showlegend=False)
    # the first label on top; empty slots below the last bar
    fig.update_yaxes(range=[slots - 0.5, -0.5], type="category")
    fig.update_xaxes(range=[0, 125], tickvals=[0, 50, 100])
    return fig


def count_bars(frame: pd.DataFrame, label_col: str, value_col: str, lang: str = "id") -> go.Figure:
    """Return vertical bars of a count per label (e.g. households by number of sources)."""
    fig = go.Figure(
        go.Bar(
            x=frame[label_col],
            **count_bar_args(frame[value_col], lang, "y"),
            hovertemplate="%{x}: %{text}<extra></extra>",
            marker_color=PALETTE["primary"],
            # plotly stands a label that does not fit inside a short bar on end ("55" read bottom to top): level
            # labels, outside a bar too short for them
            textangle=0,
            cliponaxis=False,
        )
    )
    fig.update_layout(**base_layout(lang), height=300, showlegend=False)
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=",.0f")
    return fig


def budget_bars(totals: pd.DataFrame, by: str, names: dict[str, str], lang: str = "id") -> go.Figure:
    """Return allocated (light) and realised (dark) bars per value of `by`, one group per year: horizontal, so that
    source and programme names read across rather than standing on end ("National budget (APBN)", programmes)."""
    y = [[str(year) for year in totals["year"]], [names.get(v, v) for v in totals[by]]]
    # Plotly's SI suffix would print "8B": the axis is in miliar (10^9) with the unit in its title instead.
    fig = go.Figure(
        [
            go.Bar(
                y=y,
                x=totals["allocated_rp"] / 1e9,
                orientation="h",
                name=names["allocated"],
                marker_color=PALETTE["sky"],
            ),
            go.Bar(
                y=y,
                x=totals["realised_rp"] / 1e9,
                orientation="h",
                name=names["realised"],
                marker_color=PALETTE["primary"],
            ),
        ]
    )
    fig.update_layout(**base_layout(lang), barmode="group", height=max(320, 120 + 30 * len(totals)))
    fig.update_xaxes(title=names["axis"], tickformat=",.0f")
    fig.update_yaxes(autorange="reversed")  # the first year and source on top, as the table lists them
    return fig
