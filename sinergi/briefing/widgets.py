"""Streamlit pieces of the briefing page: its print stylesheet and the cached PDF/PPTX exports."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sinergi.briefing.content import gather
from sinergi.briefing.doc import prepare
from sinergi.briefing.pdf import briefing_pdf
from sinergi.briefing.pptx import briefing_pptx
from sinergi.ui.data import load

# Printing from the browser: A4 landscape, no chrome, no widgets (exports, expanders), no chart toolbars, and no
# tile or chart cut in two across pages. The shared stylesheet (sinergi/ui/context.py) already hides the sidebar.
PRINT_CSS = """
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body, .stApp, .stMain { background: white !important; }
  .stMainBlockContainer, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stExpander"],
  [data-testid="stElementToolbar"], [data-testid="stDecoration"], [data-testid="stTooltipIcon"],
  .st-key-briefing_export, .modebar { display: none !important; }
  [data-testid="stMetric"], [data-testid="stPlotlyChart"], [data-testid="stHorizontalBlock"] {
    break-inside: avoid; page-break-inside: avoid;
  }
  [data-testid="stMetricValue"] { font-size: 1.5rem !important; }
}
/* On a 768-pixel-high projector the summary and the six tiles must show without scrolling. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
h1 { font-size: 2.1rem !important; padding-top: 0 !important; }
"""


def print_stylesheet() -> None:
    """Inject the briefing's print stylesheet."""
    st.html(f"<style>{PRINT_CSS}</style>")


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def export_files(
    version: tuple[int, int],
    role: str,
    scope: str | None,
    region: str,
    region_label: str,
    round_id: int,
    round_name: str,
    baseline_round_id: int,
    lang: str,
    as_of: date,
    is_synthetic: bool,
) -> tuple[bytes, bytes]:
    """Return (PDF bytes, PPTX bytes) of the briefing as the signed-in viewer may see it, through `load` and its
    rules; cached per database version, viewer's role and scope, region, round and language (`role` and `scope`
    are the cache key: the files of one role are never served to another)."""
    b = gather(load, region, round_id, baseline_round_id, as_of)
    # the figures stand on the data's as-of date; only the footer's "generated on" is the real date
    doc = prepare(b, lang, region_label, round_name, as_of, is_synthetic, date.today())
    return briefing_pdf(doc), briefing_pptx(doc)
