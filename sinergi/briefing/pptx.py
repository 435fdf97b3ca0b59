"""The briefing as four 16:9 slides (python-pptx): summary, headline figures, map, KPIs and decisions."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from sinergi.briefing.doc import BriefingDoc

INK = RGBColor(0x21, 0x25, 0x29)
MUTED = RGBColor(0x5A, 0x60, 0x68)
MAX_DECISIONS = 6


def _text(slide, x: float, y: float, w: float, h: float, lines: list[tuple[str, int, bool]]) -> None:
    """Add a text box at (x, y) inches with (text, size pt, bold) paragraphs."""
    frame = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h)).text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = text
        para.font.size = Pt(size)
        para.font.bold = bold
        para.font.color.rgb = INK if bold or size >= 16 else MUTED
        para.space_after = Pt(6)


def _slide(prs: Presentation, doc: BriefingDoc, heading: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, 0.5, 0.3, 12.3, 0.8, [(heading, 28, True)])
    _text(slide, 0.5, 6.85, 12.3, 0.6, [(" ".join(doc.footer), 9, False)])
    return slide


def briefing_pptx(doc: BriefingDoc) -> bytes:
    """Return the briefing as PPTX bytes: four slides."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    first = _slide(prs, doc, doc.title)
    _text(first, 0.5, 1.1, 12.3, 0.5, [(doc.subtitle, 16, False)])
    _text(first, 0.5, 2.0, 12.3, 4.5, [("• " + s, 22, False) for s in doc.sentences])

    figures = _slide(prs, doc, doc.title)
    _text(figures, 0.5, 1.0, 12.3, 0.5, [(doc.subtitle, 14, False)])
    for i, tile in enumerate(doc.tiles):
        x, y = 0.5 + (i % 3) * 4.15, 1.8 + (i // 3) * 2.45
        box = figures.shapes.add_shape(1, Inches(x), Inches(y), Inches(3.95), Inches(2.2))
        box.fill.background()
        box.line.color.rgb = RGBColor(0xC8, 0xCC, 0xD0)
        _text(figures, x + 0.15, y + 0.1, 3.7, 2.0, [(tile.label, 14, False), (tile.value, 34, True)])
        _text(figures, x + 0.15, y + 1.55, 3.7, 0.5, [(tile.delta or "", 13, False)])

    mapped = _slide(prs, doc, doc.map_title)
    picture = mapped.shapes.add_picture(io.BytesIO(doc.map_png), Inches(0.5), Inches(1.1), height=Inches(5.7))
    picture.left = Emu(int((prs.slide_width - picture.width) / 2))

    last = _slide(prs, doc, doc.kpi_title)
    last.shapes.add_picture(io.BytesIO(doc.kpi_png), Inches(0.5), Inches(1.1), width=Inches(6.2))
    lines = [(doc.decisions_title, 18, True)]
    if doc.decisions.empty:
        lines.append((doc.decisions_none, 14, False))
    for row in doc.decisions.head(MAX_DECISIONS).itertuples(index=False):
        lines.append((f"{row.moa_number} · {row.title}", 13, True))
        lines.append((f"{doc.headers['ended_on']}: {row.ended_on} — {row.reasons}", 12, False))
    if len(doc.decisions) > MAX_DECISIONS:
        lines.append((doc.more_decisions.format(count=len(doc.decisions) - MAX_DECISIONS), 12, False))
    _text(last, 7.0, 1.1, 5.8, 5.6, lines)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
