"""KPI figures: baseline-to-value dumbbells with the MoA target, small multiples per kecamatan, rankings."""

from __future__ import annotations

import math

import pandas as pd
from plotly.subplots import make_subplots

from sinergi.common import plot as go
from sinergi.common.chart_style import (
    NUMBER_TICKS,
    PALETTE,
    base_layout,
    count_bar_args,
    plot_numbers,
    plot_texts,
)
from sinergi.common.fmt import fmt_number
from sinergi.common.suppressed import true_value
from sinergi.monitoring.kpi import STATUS_COLOURS

LEGEND_ROW = 24  # pixels per row of a dumbbell's legend (two entries a row)
LEGEND_PAD = 8


def kpi_dumbbell(frame: pd.DataFrame, names: dict[str, str], lang: str = "id") -> go.Figure:
    """Return a dumbbell per row (label): baseline (grey) -> value (status colour), target as a black diamond.

    frame: label, baseline_value, value, target_value (may be NaN), status.
    names: baseline, value, target labels and status -> {status code: label}.
    """
    fig = go.Figure()
    # protected counts are drawn at their breakdown value ("<5" at 4, labelled) and never sent as they are
    baseline, value = plot_numbers(frame["baseline_value"]), plot_numbers(frame["value"])
    # one trace for every row's connecting line (None breaks it): a trace per row made a page of nine charts slow
    line_x: list[object] = []
    line_y: list[object] = []
    for i, label in enumerate(frame["label"]):
        line_x += [baseline[i], value[i], None]
        line_y += [label, label, None]
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": PALETTE["neutral"], "width": 3},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=baseline,
            y=frame["label"],
            hovertext=plot_texts(frame["baseline_value"], lang),
            hoverinfo="text+name",
            mode="markers",
            name=names["baseline"],
            marker={"color": PALETTE["neutral"], "size": 12, "symbol": "circle-open", "line": {"width": 3}},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=value,
            y=frame["label"],
            hovertext=plot_texts(frame["value"], lang),
            hoverinfo="text+name",
            mode="markers",
            name=names["value"],
            marker={"color": [STATUS_COLOURS[s] for s in frame["status"]], "size": 14, "symbol": "circle"},
            showlegend=False,
        )
    )
    # The value's colour is its status: the legend names the statuses shown, not one misleading colour.
    for status in dict.fromkeys(frame["status"]):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{names['value']}: {names['status'][status]}",
                marker={"color": STATUS_COLOURS[status], "size": 12},
            )
        )
    if "target_value" in frame and frame["target_value"].notna().any():
        fig.add_trace(
            go.Scatter(
                # a target written for a count KPI is protected like the count (docs/privacy.md, rule 8)
                x=plot_numbers(frame["target_value"]),
                y=frame["label"],
                hovertext=plot_texts(frame["target_value"], lang),
                hoverinfo="text+name",
                mode="markers",
                name=names["target"],
                marker={"color": "#000000", "size": 12, "symbol": "diamond-tall"},
            )
        )
    # The legend sits at the chart's top left edge, and plotly pushes the plot below it (a legend in the plot
    # area's coordinates left a gap above it, or covered the first rows, as its entries wrapped); the height makes
    # room for its rows at two entries a row, so that the rows keep their height at the usual column width.
    entries = sum(trace.showlegend is not False for trace in fig.data)
    band = LEGEND_PAD + LEGEND_ROW * -(-entries // 2)
    layout = base_layout(lang)
    layout["margin"] = {**layout["margin"], "t": LEGEND_PAD}
    layout["legend"] = {
        "orientation": "h",
        "xref": "container",
        "yref": "container",
        "x": 0,
        "y": 1,
        "yanchor": "top",
    }
    fig.update_layout(**layout, height=band + max(110, 50 + 42 * len(frame)))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(rangemode="tozero", title=names.get("unit"))
    return fig


def kpi_small_multiples(
    frame: pd.DataFrame, round_names: tuple[str, str], lang: str = "id", columns: int = 4, unit: str = ""
) -> go.Figure:
    """Return one slope panel per area (area_name): baseline -> value, coloured by the direction of change.

    frame: area_name, baseline_value, value, direction ('higher' or 'lower' is better), households_count.
    unit names the y axis of the first column of panels.
    """
    n = max(len(frame), 1)
    rows = math.ceil(n / columns)
    titles = [f"{r.area_name} (n={fmt_number(r.households_count, lang)})" for r in frame.itertuples()]
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=titles, shared_yaxes=True, vertical_spacing=0.5 / rows
    )
    for i, r in enumerate(frame.itertuples()):
        better = (true_value(r.value) - true_value(r.baseline_value)) * (1 if r.direction == "higher" else -1)
        colour = PALETTE["good"] if better > 0 else PALETTE["bad"] if better < 0 else PALETTE["neutral"]
        fig.add_trace(
            go.Scatter(
                x=list(round_names),
                y=plot_numbers([r.baseline_value, r.value]),
                hovertext=plot_texts([r.baseline_value, r.value], lang),
                hoverinfo="text+x",
                mode="lines+markers",
                line={"color": colour, "width": 3},
                marker={"size": 9},
                showlegend=False,
                name=r.area_name,
            ),
            row=i // columns + 1,
            col=i % columns + 1,
        )
    fig.update_layout(**base_layout(lang), height=60 + 190 * rows)
    fig.update_annotations(font_size=12)
    # One y scale for every panel, so that panels compare by eye.
    drawn = [v for v in plot_numbers(pd.concat([frame["baseline_value"], frame["value"]])) if v is not None]
    top = max(drawn) if drawn else 1.0
    fig.update_yaxes(range=[0, (top or 1.0) * 1.1], tickformat=NUMBER_TICKS)
    fig.update_yaxes(title_text=unit, col=1)
    return fig


def attainment_bars(frame: pd.DataFrame, label_col: str, lang: str = "id", axis_title: str = "") -> go.Figure:
    """Return horizontal bars of attainment_pct per row, with a line at 100 (the target)."""
    colours = [
        PALETTE["good"] if a >= 100 else PALETTE["sky"] if a >= 50 else PALETTE["bad"]
        for a in frame["attainment_pct"]
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["attainment_pct"],
            y=frame[label_col],
            orientation="h",
            marker_color=colours,
            texttemplate="%{x:.0f}",
            textposition="outside",
        )
    )
    fig.add_vline(x=100, line_dash="dash", line_color="#000000")
    fig.update_layout(**base_layout(lang), height=max(200, 60 + 30 * len(frame)), showlegend=False)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title=axis_title)
    return fig


def group_bars(frame: pd.DataFrame, names: dict[str, str], lang: str = "id") -> go.Figure:
    """Return paired bars (baseline, value) per group label. frame: label, baseline_value, value."""
    fig = go.Figure(
        [
            go.Bar(
                x=frame["label"],
                **count_bar_args(frame["baseline_value"], lang, "y"),
                textposition="none",
                hovertemplate="%{x}: %{text}",
                name=names["baseline"],
                marker_color=PALETTE["neutral"],
            ),
            go.Bar(
                x=frame["label"],
                **count_bar_args(frame["value"], lang, "y"),
                textposition="none",
                hovertemplate="%{x}: %{text}",
                name=names["value"],
                marker_color=PALETTE["primary"],
            ),
        ]
    )
    fig.update_layout(**base_layout(lang), barmode="group", height=320)
    return fig
