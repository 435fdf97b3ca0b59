"""The briefing as a document: every text and image the PDF and PPTX exports lay out, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from sinergi.briefing.charts import build_kpi_baseline, build_kpi_status
from sinergi.briefing.content import (
    Briefing,
    Tile,
    decision_rows,
    heading,
    kpi_tally,
    subheading,
    summary_sentences,
    tiles,
)
from sinergi.briefing.images import figure_png
from sinergi.briefing.map import build_briefing_map, ground_aspect
from sinergi.common import plot as go
from sinergi.common.fmt import fmt_date
from sinergi.common.i18n import translate

# Image sizes in CSS pixels. The map's box is the right half of an A4-landscape page (122 x 160 mm); its image takes
# the region's own shape within that box (plus the legend strip below), so no part of the box is left blank.
MAP_BOX = (760, 1000)
MAP_LEGEND_PX = 130  # two rows of legend at font size 20
KPI_SIZE = (700, 260)


def map_size(aspect: float) -> tuple[int, int]:
    """Return (width, height) px of the map image for a region of this height/width ratio, within MAP_BOX."""
    width, room = MAP_BOX[0], MAP_BOX[1] - MAP_LEGEND_PX
    if width * aspect > room:
        width = room / aspect
    return round(width), round(width * aspect) + MAP_LEGEND_PX


@dataclass(frozen=True)
class BriefingDoc:
    lang: str
    title: str
    subtitle: str
    tiles: list[Tile]
    sentences: list[str]
    decisions: pd.DataFrame  # display rows (sinergi.briefing.content.decision_rows)
    headers: dict[str, str]  # decision column -> localised header
    footer: list[str]
    map_title: str
    kpi_title: str
    decisions_title: str
    decisions_none: str
    more_decisions: str  # with a {count} placeholder, for lists longer than the page holds
    map_png: bytes
    kpi_png: bytes


def prepare(
    b: Briefing,
    lang: str,
    region_label: str,
    round_name: str,
    as_of: date,
    is_synthetic: bool,
    today: date,
) -> BriefingDoc:
    """Return the briefing document: labels in lang, the map and KPI chart rendered to PNG by kaleido."""
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731
    size = map_size(ground_aspect(b.by_desa)) if len(b.by_desa) else MAP_BOX
    footer = [t("briefing.source"), t("briefing.disclaimer")]
    if is_synthetic:
        footer.append(t("briefing.synthetic"))
    footer.append(t("briefing.generated", date=fmt_date(today, lang)))
    return BriefingDoc(
        lang=lang,
        title=heading(b, lang, region_label),
        subtitle=subheading(b, lang, round_name, as_of),
        tiles=tiles(b, lang),
        sentences=summary_sentences(b, lang),
        decisions=decision_rows(b, lang),
        headers={c: t(f"briefing.col.{c}") for c in ("moa_number", "title", "ended_on", "stage", "reasons")},
        footer=footer,
        map_title=t("briefing.map_title", round=round_name),
        kpi_title=t("briefing.kpi_title_baseline" if b.is_baseline else "briefing.kpi_title"),
        decisions_title=t("briefing.decisions_title"),
        decisions_none=t("briefing.decisions_none"),
        more_decisions=translate("briefing.more_decisions", lang),
        map_png=figure_png(
            build_briefing_map(b.by_desa, lang, round_name, height=size[1], font_size=20, legend_below=True),
            *size,
        ),
        kpi_png=figure_png(kpi_chart(b, lang, KPI_SIZE[1]), *KPI_SIZE),
    )


def kpi_chart(b: Briefing, lang: str, height: int) -> go.Figure:
    """Return the briefing's KPI chart: the targets by status, or at the baseline the KPIs with a target (nothing
    to compare yet)."""
    if b.is_baseline:
        return build_kpi_baseline(b.kpi, lang, height=height)
    return build_kpi_status(kpi_tally(b.kpi), lang, height=height)
