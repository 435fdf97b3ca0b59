"""Layout of the monitoring charts a reader stumbled on: the KPI dumbbell's legend, Intervensi's bar labels and its
three coverage charts side by side."""

from __future__ import annotations

import pandas as pd

from sinergi.common.suppressed import Share
from sinergi.monitoring.charts import count_bars, share_bars
from sinergi.monitoring.kpi_charts import LEGEND_ROW, kpi_dumbbell

NAMES = {
    "baseline": "Baseline 2025",
    "value": "Endline 2026",
    "target": "Target MoA",
    "unit": "jiwa",
    "status": {"tercapai": "Tercapai", "belum_tercapai": "Belum tercapai", "sesuai_jalur": "Sesuai jalur"},
}


def _kpis(statuses: list[str]) -> pd.DataFrame:
    n = len(statuses)
    return pd.DataFrame(
        {
            "label": [f"MOA-02{i:02d}" for i in range(n)],
            "baseline_value": [10.0 * (i + 1) for i in range(n)],
            "value": [12.0 * (i + 1) for i in range(n)],
            "target_value": [15.0 * (i + 1) for i in range(n)],
            "status": statuses,
        }
    )


def test_the_dumbbell_legend_sits_above_the_plot_from_the_charts_left_edge():
    """In the plot area's coordinates the legend left a gap above it, or covered the first rows, as it wrapped."""
    fig = kpi_dumbbell(_kpis(["tercapai", "belum_tercapai"]), NAMES, "id")
    legend = fig.layout.legend
    assert (legend.xref, legend.yref, legend.x, legend.y, legend.yanchor) == (
        "container",
        "container",
        0,
        1,
        "top",
    )
    assert fig.layout.margin.t < LEGEND_ROW  # plotly pushes the plot below the legend: no band left empty


def test_the_dumbbell_grows_with_its_legend_not_at_its_rows_expense():
    few = kpi_dumbbell(_kpis(["tercapai", "tercapai", "tercapai"]), NAMES, "id")
    many = kpi_dumbbell(_kpis(["tercapai", "belum_tercapai", "sesuai_jalur"]), NAMES, "id")
    # baseline, target and one status, against baseline, target and three statuses: one more row of two entries
    assert many.layout.height - few.layout.height == LEGEND_ROW


def test_a_count_label_reads_across_even_on_a_short_bar():
    bins = pd.DataFrame({"sources": ["0", "1", "2", "3+"], "households_count": [55, 375, 573, 270]})
    (bar,) = count_bars(bins, "sources", "households_count", "id").data
    assert bar.textangle == 0  # plotly's default stood "55" on end in the short bar


def test_coverage_charts_side_by_side_share_their_height_and_bar_thickness():
    def frame(n: int) -> pd.DataFrame:
        return pd.DataFrame({"label": [f"L{i}" for i in range(n)], "pct": [Share(50.0)] * n})

    five, two = (
        share_bars(frame(5), "label", "pct", "id"),
        share_bars(frame(2), "label", "pct", "id", slots=5),
    )
    assert five.layout.height == two.layout.height
    assert list(two.layout.yaxis.range) == [4.5, -0.5]  # five slots, the first label on top
    assert share_bars(frame(2), "label", "pct", "id").layout.height < five.layout.height


def test_a_withheld_share_keeps_its_word_beside_an_empty_bar():
    shares = pd.Series([Share(50.0), Share(float("nan"))], dtype=object)
    frame = pd.DataFrame({"label": ["a", "b"], "pct": shares})
    (bar,) = share_bars(frame, "label", "pct", "en").data
    # plotly draws no text beside a missing bar: "withheld" was nowhere on the chart
    assert list(bar.x) == [50.0, 0.0] and list(bar.text) == ["50%", "withheld"]
