"""Collaboration charts: MoA period timeline, contribution heat-map, stage counts, who-works-where, history, target
desa map. Pure builders: data in, go.Figure out."""

from __future__ import annotations

import json
import math
from datetime import date

import pandas as pd

from sinergi.common import plot as go
from sinergi.common.chart_style import PALETTE, SECTOR_COLOURS, base_layout, count_bar_args, date_axis
from sinergi.common.fmt import fmt_date, fmt_pct, fmt_rupiah
from sinergi.common.i18n import translate
from sinergi.common.vocabulary import CONTRIBUTION_KINDS, MOA_STATUSES, SECTORS
from sinergi.common.vocabulary import PROGRAM_RESULTS as RESULTS

STATUS_COLOURS = {
    "draft": PALETTE["neutral"],
    "aktif": PALETTE["good"],
    "diperpanjang": PALETTE["primary"],
    "berakhir": PALETTE["sky"],
    "dihentikan": PALETTE["bad"],
}
RESULT_COLOURS = {"berhasil": PALETTE["good"], "sebagian": PALETTE["warn"], "tidak_berlanjut": PALETTE["bad"]}
# Sequential blues: light = little realised, dark = fully realised; readable for colour-blind viewers.
_BLUES = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]


def _sector(code: str, lang: str) -> str:
    return translate(f"mitra.sector.{code}", lang)


def build_moa_timeline(moas: pd.DataFrame, today: date, lang: str = "id") -> go.Figure:
    """Return a Gantt-style chart of MoA periods (start to end), coloured by status, with a line at today."""
    fig = go.Figure()
    ordered = moas.sort_values(["started_on", "moa_id"])
    for status in MOA_STATUSES:
        rows = ordered[ordered["status"] == status]
        if rows.empty:
            continue
        start = pd.to_datetime(rows["started_on"])
        end = pd.to_datetime(rows["ended_on"])
        fig.add_trace(
            go.Bar(
                y=rows["moa_id"],
                x=(end - start).dt.days * 86_400_000,
                base=start,
                orientation="h",
                name=translate(f"moa.status.{status}", lang),
                marker_color=STATUS_COLOURS[status],
                customdata=list(
                    zip(
                        rows["title"],
                        [fmt_date(d, lang) for d in start],
                        [fmt_date(d, lang) for d in end],
                        strict=True,
                    )
                ),
                hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]} – %{customdata[2]}<extra></extra>",
            )
        )
    fig.add_shape(
        type="line",
        x0=pd.Timestamp(today),
        x1=pd.Timestamp(today),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": PALETTE["bad"], "dash": "dash", "width": 2},
    )
    fig.add_annotation(
        x=pd.Timestamp(today),
        y=1,
        yref="paper",
        text=translate("moa.today", lang),
        showarrow=False,
        yanchor="bottom",
    )
    layout = base_layout(lang)
    # The legend goes under the chart so the "today" label above the line stays free.
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}
    layout["margin"] = {**layout["margin"], "b": 70}
    fig.update_layout(**layout, height=max(280, 28 * len(moas) + 120), barmode="overlay")
    if not ordered.empty:
        dates = pd.concat([pd.to_datetime(ordered["started_on"]), pd.to_datetime(ordered["ended_on"])])
        first, last = min(dates.min(), pd.Timestamp(today)), max(dates.max(), pd.Timestamp(today))
        fig.update_xaxes(**date_axis(first, last, lang))
    # Earliest agreement on top, as in a planner's Gantt chart.
    fig.update_yaxes(categoryorder="array", categoryarray=list(ordered["moa_id"]), autorange="reversed")
    return fig


def build_contribution_heatmap(matrix: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Return party x kind of contribution: colour = share of the pledge realised, text = realised / pledged."""
    kinds = [k for k in CONTRIBUTION_KINDS if k in set(matrix["contribution_kind"])]
    parties = list(dict.fromkeys(matrix["partner_name"]))
    pct = matrix.pivot_table(index="partner_name", columns="contribution_kind", values="realised_pct")
    pct = pct.reindex(index=parties, columns=kinds)
    # Cell text: the share realised (readable on a projector); the Rupiah amounts are in the hover and the table.
    labelled = matrix.assign(
        label=[fmt_pct(v, lang, 0) for v in matrix["realised_pct"]],
        amounts=[
            f"{fmt_rupiah(r, lang)} / {fmt_rupiah(p, lang)}"
            for r, p in zip(matrix["realised_value_rp"], matrix["pledged_value_rp"], strict=True)
        ],
    )
    text = labelled.pivot_table(
        index="partner_name", columns="contribution_kind", values="label", aggfunc="first"
    )
    text = text.reindex(index=parties, columns=kinds).fillna("")
    amounts = labelled.pivot_table(
        index="partner_name", columns="contribution_kind", values="amounts", aggfunc="first"
    )
    amounts = amounts.reindex(index=parties, columns=kinds).fillna("")
    fig = go.Figure(
        go.Heatmap(
            z=pct.to_numpy(),
            x=[translate(f"mitra.kind.{k}", lang) for k in kinds],
            y=parties,
            text=text.to_numpy(),
            customdata=amounts.to_numpy(),
            texttemplate="%{text}",
            textfont={"size": 15},
            colorscale=_BLUES,
            zmin=0,
            zmax=120,
            colorbar={"title": {"text": translate("moa.matrix.realised_pct", lang)}},
            hovertemplate="%{y}<br>%{x}: %{text}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_layout(**base_layout(lang), height=max(240, 60 * len(parties) + 80))
    fig.update_yaxes(autorange="reversed")
    return fig


def build_stage_counts(counts: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Return a horizontal bar per program-flow stage: open MoAs (draft, running) and closed ones stacked."""
    names = [f"{n}. {s}" for n, s in zip(counts["stage_no"], counts[f"name_{lang}"], strict=True)]
    fig = go.Figure()
    closed = counts["moa_count"] - counts["open_moa_count"]
    for values, key, colour in (
        (counts["open_moa_count"], "alur.chart.open", PALETTE["primary"]),
        (closed, "alur.chart.closed", PALETTE["neutral"]),
    ):
        fig.add_trace(
            go.Bar(
                y=names,
                x=values,
                orientation="h",
                name=translate(key, lang),
                marker_color=colour,
                text=[str(v) if v else "" for v in values],
                textposition="inside",
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        )
    fig.update_layout(**base_layout(lang), height=360, barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=translate("alur.chart.moa_count", lang), dtick=1)
    return fig


def build_area_sector_heatmap(
    matrix: pd.DataFrame,
    gaps: pd.DataFrame | None = None,
    lang: str = "id",
    labels: dict[str, str] | None = None,
) -> go.Figure:
    """Return area x sector: colour = partners at work; text adds the gap desa of the cell when there are any.

    Rows are keyed by region code (names repeat across kabupaten and plotly would merge such rows, colouring
    one cell with another's number) and labelled with `labels` (code -> name)."""
    names = [(labels or {}).get(code, str(code)) for code in matrix.index]
    text = matrix.astype(str)
    if gaps is not None:
        gaps = gaps.reindex(index=matrix.index, columns=matrix.columns, fill_value=0)
        text = pd.DataFrame(
            [
                [
                    translate("koordinasi.matrix.cell_gaps", lang, actors=a, gaps=g) if g else str(a)
                    for a, g in zip(actors_row, gaps_row, strict=True)
                ]
                for actors_row, gaps_row in zip(matrix.to_numpy(), gaps.to_numpy(), strict=True)
            ]
        )
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[_sector(c, lang) for c in matrix.columns],
            y=[str(code) for code in matrix.index],
            text=text.to_numpy(),
            customdata=[[names[i]] * len(matrix.columns) for i in range(len(matrix))],
            texttemplate="%{text}",
            colorscale=_BLUES,
            zmin=0,
            colorbar={"title": {"text": translate("koordinasi.matrix.actors", lang)}},
            hovertemplate="%{customdata} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(**base_layout(lang), height=max(300, 24 * len(matrix) + 90))
    # the sector names above the first row: a province has a hundred kecamatan rows, the bottom is screens away
    fig.update_xaxes(side="top")
    fig.update_yaxes(
        autorange="reversed",
        type="category",
        tickmode="array",
        tickvals=[str(code) for code in matrix.index],
        ticktext=names,
    )
    return fig


def build_history_by_year(history: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Return households reached by agency programs per year, stacked by sector."""
    fig = go.Figure()
    totals = history.groupby(["year", "sector_code"], as_index=False)["beneficiaries_count"].sum()
    for sector in SECTORS:
        rows = totals[totals["sector_code"] == sector]
        fig.add_trace(
            go.Bar(
                x=rows["year"].astype(str),  # years are labels: 2023, not 2.023
                **count_bar_args(rows["beneficiaries_count"], lang, "y"),  # as the viewer may see them
                textposition="none",
                hovertemplate="%{x}: %{text}",
                name=_sector(sector, lang),
                marker_color=SECTOR_COLOURS[sector],
            )
        )
    fig.update_layout(**base_layout(lang), barmode="stack", height=340)
    # category axis: without an order it follows the traces' first appearance (2019, 2024, 2021, 2023; walk1 item 7)
    years = sorted(totals["year"].astype(int).unique())
    fig.update_xaxes(dtick=1, categoryorder="array", categoryarray=[str(y) for y in years])
    fig.update_yaxes(title=translate("riwayat.chart.beneficiaries", lang))
    return fig


def build_history_results(history: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Return program counts per sector, stacked by result (succeeded, partly, not continued)."""
    fig = go.Figure()
    counts = history.groupby(["sector_code", "result"]).size().rename("n").reset_index()
    for result in RESULTS:
        rows = counts[counts["result"] == result]
        fig.add_trace(
            go.Bar(
                y=[_sector(s, lang) for s in rows["sector_code"]],
                x=rows["n"],
                orientation="h",
                name=translate(f"riwayat.result.{result}", lang),
                marker_color=RESULT_COLOURS[result],
            )
        )
    fig.update_layout(**base_layout(lang), barmode="stack", height=300)
    # programs are whole: ticks on integers (Plotly put 0,2 / 0,4 under one or two programs; walk1 item 7)
    most = int(counts.groupby("sector_code")["n"].sum().max()) if len(counts) else 1
    fig.update_xaxes(
        title=translate("riwayat.chart.programs", lang),
        tick0=0,
        dtick=max(1, math.ceil(most / 6)),
        tickformat="d",
    )
    return fig


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def build_target_desa_map(shapes: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Return the kabupaten's desa outlines on plain axes (no tiles, no requests): targets filled and labelled,
    the other desa pale grey for orientation."""
    fig = go.Figure()
    for row in shapes.itertuples(index=False):
        target = bool(row.is_target)
        for ring in _rings(json.loads(row.geometry_simplified_geojson)):
            fig.add_trace(
                go.Scatter(
                    x=[p[0] for p in ring],
                    y=[p[1] for p in ring],
                    fill="toself",
                    mode="lines",
                    line={
                        "color": PALETTE["primary"] if target else "#c8c8c8",
                        "width": 1.2 if target else 0.5,
                    },
                    fillcolor="rgba(0,114,178,0.55)" if target else "rgba(235,235,235,0.6)",
                    hoverinfo="text",
                    text=f"{row.desa_name} ({row.kecamatan_name})",
                    showlegend=False,
                )
            )
    targets = shapes[shapes["is_target"].astype(bool)]
    fig.add_trace(
        go.Scatter(
            x=targets["centroid_lon"],
            y=targets["centroid_lat"],
            mode="markers",
            marker={"size": 6, "color": PALETTE["bad"]},
            text=[f"{d} ({k})" for d, k in zip(targets["desa_name"], targets["kecamatan_name"], strict=True)],
            hoverinfo="text",
            name=translate("moa.map.target", lang),
            showlegend=True,
        )
    )
    fig.update_layout(**base_layout(lang), height=380)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    return fig
