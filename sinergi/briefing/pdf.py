"""The briefing as a one-page A4-landscape PDF (fpdf2): tiles, sentences, KPI chart and decisions left, map right."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from sinergi.briefing.doc import BriefingDoc

# DejaVu (Debian's fonts-dejavu-core) has every Indonesian letter and the true minus "−"; fpdf2's core fonts are
# Latin-1 only, so without it the text is normalised to characters they do have.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_LATIN1 = str.maketrans({"−": "-", "–": "-", "—": "-", "≤": "<=", "≥": ">=", "…": "...", "·": "-"})
INK = (33, 37, 41)
MUTED = (90, 96, 104)
BORDER = (200, 204, 208)
MAX_DECISIONS = 5  # at most; fewer when their wrapped rows would reach the footer
FOOTER_Y = 193.0
MAP_BOX_MM = (122.0, 160.0)


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(10, 8, 10)
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        self.unicode = regular.is_file() and bold.is_file()
        if self.unicode:
            self.add_font("body", "", str(regular))
            self.add_font("body", "B", str(bold))
        self.family_name = "body" if self.unicode else "helvetica"

    def text_of(self, text: str) -> str:
        return (
            text if self.unicode else text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
        )

    def style(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_text_color(*colour)

    def fitted(self, text: str, width: float, size: float, bold: bool = False, colour=INK) -> str:
        """Set the largest font size up to size at which text fits width; return the text to write."""
        text = self.text_of(text)
        while size > 5:
            self.style(size, bold, colour)
            if self.get_string_width(text) <= width:
                break
            size -= 0.5
        return text


def _tiles(pdf: _Pdf, doc: BriefingDoc, x0: float, y0: float, width: float) -> float:
    cols, gap, height = 3, 3.0, 21.0
    w = (width - gap * (cols - 1)) / cols
    for i, tile in enumerate(doc.tiles):
        x, y = x0 + (i % cols) * (w + gap), y0 + (i // cols) * (height + gap)
        pdf.set_draw_color(*BORDER)
        pdf.rect(x, y, w, height)
        pdf.set_xy(x + 2, y + 1.5)
        pdf.cell(w - 4, 4, pdf.fitted(tile.label, w - 4, 7.5, colour=MUTED))
        pdf.set_xy(x + 2, y + 6)
        pdf.cell(w - 4, 8, pdf.fitted(tile.value, w - 4, 15, bold=True))
        pdf.set_xy(x + 2, y + 14.5)
        pdf.cell(w - 4, 4, pdf.fitted(tile.delta or "", w - 4, 7.5, colour=MUTED))
    rows = (len(doc.tiles) + cols - 1) // cols
    return y0 + rows * (height + gap)


def _decision_table(pdf: _Pdf, doc: BriefingDoc, width: float, rows: int) -> None:
    columns = ("moa_number", "title", "ended_on", "reasons")
    shares = (0.27, 0.3, 0.15, 0.28)
    pdf.style(7)
    with pdf.table(
        width=width,
        col_widths=[width * share for share in shares],
        align="LEFT",
        line_height=3.3,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=(238, 241, 244)),
        padding=0.6,
    ) as table:
        heading = table.row()
        for column in columns:
            heading.cell(pdf.text_of(doc.headers[column]))
        # Every cell wraps: agreement numbers and reasons are shown whole, never cut.
        for record in doc.decisions.head(rows).itertuples(index=False):
            row = table.row()
            for column in columns:
                row.cell(pdf.text_of(str(getattr(record, column))))


def _decisions(pdf: _Pdf, doc: BriefingDoc, x0: float, y: float, width: float, bottom: float) -> None:
    pdf.set_xy(x0, y)
    pdf.style(10, bold=True)
    pdf.cell(width, 5, pdf.text_of(doc.decisions_title))
    y += 6
    if doc.decisions.empty:
        pdf.set_xy(x0, y)
        pdf.style(8, colour=MUTED)
        pdf.cell(width, 4, pdf.text_of(doc.decisions_none))
        return
    # As many whole rows as fit above the footer (leaving a line for "... and N more").
    rows = min(MAX_DECISIONS, len(doc.decisions))
    while rows > 1:
        with pdf.offset_rendering() as trial:
            trial.set_xy(x0, y)
            _decision_table(trial, doc, width, rows)
            end = trial.get_y()
        if end <= bottom - (4.5 if rows < len(doc.decisions) else 0):
            break
        rows -= 1
    pdf.set_xy(x0, y)
    _decision_table(pdf, doc, width, rows)
    if len(doc.decisions) > rows:
        pdf.set_xy(x0, pdf.get_y() + 0.5)
        pdf.style(7, colour=MUTED)
        pdf.cell(width, 4.2, pdf.text_of(doc.more_decisions.format(count=len(doc.decisions) - rows)))


def briefing_pdf(doc: BriefingDoc) -> bytes:
    """Return the briefing as PDF bytes: exactly one A4-landscape page."""
    pdf = _Pdf()
    pdf.set_title(doc.title)
    pdf.set_creator("Sinergi")
    pdf.add_page()
    pdf.style(17, bold=True)
    pdf.set_xy(10, 8)
    pdf.cell(277, 8, pdf.text_of(doc.title))
    pdf.set_xy(10, 16)
    pdf.style(9, colour=MUTED)
    pdf.cell(277, 5, pdf.text_of(doc.subtitle))
    left_w, right_x = 150.0, 165.0
    y = _tiles(pdf, doc, 10, 24, left_w)
    pdf.set_xy(10, y)
    pdf.style(9)
    for sentence in doc.sentences:
        pdf.set_x(10)
        bullet = "• " if pdf.unicode else "- "
        pdf.multi_cell(left_w, 4.3, bullet + pdf.text_of(sentence), align="L")
        pdf.ln(0.8)
    y = pdf.get_y() + 1.5
    pdf.set_xy(10, y)
    pdf.style(10, bold=True)
    pdf.cell(left_w, 5, pdf.text_of(doc.kpi_title))
    pdf.image(io.BytesIO(doc.kpi_png), x=10, y=y + 5.5, w=left_w * 0.8)
    _decisions(pdf, doc, 10, y + 5.5 + left_w * 0.8 * 260 / 700 + 1, left_w, bottom=FOOTER_Y - 1)
    pdf.set_xy(right_x, 24)
    pdf.style(10, bold=True)
    pdf.cell(MAP_BOX_MM[0], 5, pdf.text_of(doc.map_title))
    # The image has the region's own shape: scale it to the box's width or height, whichever binds, centred.
    width_px, height_px = Image.open(io.BytesIO(doc.map_png)).size
    scale = min(MAP_BOX_MM[0] / width_px, MAP_BOX_MM[1] / height_px)
    w, h = width_px * scale, height_px * scale
    pdf.image(io.BytesIO(doc.map_png), x=right_x + (MAP_BOX_MM[0] - w) / 2, y=30, w=w, h=h)
    pdf.set_xy(10, FOOTER_Y)
    pdf.style(6.8, colour=MUTED)
    pdf.multi_cell(277, 3.2, pdf.text_of(" ".join(doc.footer)), align="L")
    return bytes(pdf.output())
