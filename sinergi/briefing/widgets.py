"""Streamlit pieces of the briefing page: its print stylesheet and the PDF/PPTX exports made in the background."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from sinergi.access.policy import Viewer, fetch_as
from sinergi.briefing.content import gather
from sinergi.briefing.doc import prepare
from sinergi.briefing.pdf import briefing_pdf
from sinergi.briefing.pptx import briefing_pptx
from sinergi.common.i18n import translate

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
  /* Streamlit's columns wrap in print (each took the page's width: map on page 2 alone, the KPI heading stranded
     under it, its chart on page 3; walk1 item 5): keep map, KPIs and decisions side by side, and the six tiles in
     one row, and set the page a little smaller so title, summary, tiles and map fit the first page. */
  [data-testid="stMainBlockContainer"] { zoom: 0.7; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important;
  }
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; gap: 1rem; }
  [data-testid="stColumn"] { min-width: 0 !important; width: auto !important; }
  .st-key-briefing_tiles > * { flex: 1 1 0 !important; min-width: 0 !important; width: auto !important; }
  h1, h2, h3, [data-testid="stMarkdownContainer"] strong:only-child { break-after: avoid; page-break-after: avoid; }
  [data-testid="stMetricValue"] { font-size: 1.5rem !important; }
}
/* On a 768-pixel-high projector the summary and the six tiles must show without scrolling. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
h1 { font-size: 2.1rem !important; padding-top: 0 !important; }
"""


def print_stylesheet() -> None:
    """Inject the briefing's print stylesheet."""
    st.html(f"<style>{PRINT_CSS}</style>")


@dataclass
class ExportJob:
    """A briefing export being made in the background; the page polls it and shows how far it is."""

    started: float = field(default_factory=time.monotonic)
    step: str = "data"  # data, images, pdf, pptx, done
    files: tuple[bytes, bytes] | None = None
    error: str | None = None


# One export at a time per server (kaleido drives one Chromium); finished files stay for the next request.
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sinergi-briefing")
_jobs: dict[tuple, ExportJob] = {}
_jobs_lock = threading.Lock()
_KEEP = 32
EXPECTED_S = {"data": 2.0, "images": 8.0, "pdf": 1.0, "pptx": 1.0}  # a cold kaleido start, on a quiet machine


def export_job(key: tuple) -> ExportJob | None:
    """Return the export job for key (database version, region, round, language, ...), if one was started."""
    return _jobs.get(key)


def start_export(
    key: tuple,
    viewer: Viewer,
    region: str,
    region_label: str,
    round_id: int,
    round_name: str,
    baseline_round_id: int,
    lang: str,
    as_of: date,
    is_synthetic: bool,
    today: date,
) -> ExportJob:
    """Start making the PDF and PPTX in the background (once per key; a failed job is started again), every figure
    through the viewer's access rules. The key must hold the viewer's role and scope: the files of one role are
    never served to another."""
    with _jobs_lock:
        job = _jobs.get(key)
        if job is None or job.error is not None:
            job = ExportJob()
            _jobs[key] = job
            for old in list(_jobs)[:-_KEEP]:
                _jobs.pop(old, None)
            args = (
                viewer,
                region,
                region_label,
                round_id,
                round_name,
                baseline_round_id,
                lang,
                as_of,
                is_synthetic,
                today,
            )
            _pool.submit(_make, job, *args)
    return job


def _make(
    job: ExportJob,
    viewer: Viewer,
    region,
    region_label,
    round_id,
    round_name,
    baseline_round_id,
    lang,
    as_of,
    synthetic,
    today,
):
    try:
        # the figures stand on the data's as-of date; only the footer's "generated on" is the real date
        b = gather(fetch_as(viewer), region, round_id, baseline_round_id, as_of)
        job.step = "images"
        doc = prepare(b, lang, region_label, round_name, as_of, synthetic, today)
        job.step = "pdf"
        pdf = briefing_pdf(doc)
        job.step = "pptx"
        job.files = (pdf, briefing_pptx(doc))
        job.step = "done"
    except Exception as error:  # shown on the page; the next click starts over
        job.error = str(error) or type(error).__name__


def progress_of(job: ExportJob) -> float:
    """Return how far the job is (0-1): finished steps, plus the running step's share by its expected time."""
    steps = list(EXPECTED_S)
    if job.step == "done":
        return 1.0
    done = sum(EXPECTED_S[s] for s in steps[: steps.index(job.step)])
    elapsed = time.monotonic() - job.started
    running = min(max(elapsed - done, 0.0), EXPECTED_S[job.step] * 0.95)
    return min((done + running) / sum(EXPECTED_S.values()), 0.99)


@st.fragment(run_every=1.0)
def export_progress(key: tuple, lang: str) -> None:
    """Show the running export's progress, every second; when it is done, redraw the page with the downloads."""
    job = export_job(key)
    if job is None or job.files is not None or job.error is not None:
        st.rerun()
    elapsed = time.monotonic() - job.started
    st.progress(
        progress_of(job),
        text=translate(f"briefing.export_step.{job.step}", lang, seconds=f"{elapsed:.0f}"),
    )
