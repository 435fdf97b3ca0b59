"""Acceptance: the briefing PDF (one A4-landscape page) and PPTX (four slides) for two kabupaten hold the region's
name and headline figures equal to the queries; the PDF renders to PNG."""

import io
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_BASELINE_ROUND, DEMO_KABUPATEN, DEMO_ROUND, DEMO_ROUNDS
from pptx import Presentation

from sinergi.briefing.files import briefing_files
from sinergi.briefing.images import chromium_path
from sinergi.common.fmt import fmt_number, fmt_rupiah
from sinergi.data import db

TODAY = date(2026, 11, 28)  # the print date in the footer; the figures stand on the data's date
pytestmark = [
    pytest.mark.skipif(chromium_path() is None, reason="kaleido needs Debian's chromium"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdftoppm)"),
]


@pytest.fixture(scope="module", params=DEMO_KABUPATEN)
def files(request, tmp_path_factory):
    region = request.param
    pdf, pptx = briefing_files(region, 2, "id", TODAY)
    folder = tmp_path_factory.mktemp(region.replace(".", "_"))
    (folder / "briefing.pdf").write_bytes(pdf)
    return region, folder, pdf, pptx


def _expected(region: str) -> list[str]:
    """The region's name and headline figures, from the queries, formatted as the briefing writes them."""
    name = db.run_query("region_by_code", region=region)["name"].iloc[0]
    households = db.run_query("overview_households", region=region, **DEMO_ROUNDS, as_of=DEMO_AS_OF).iloc[0]
    budget = db.run_query("overview_budget", region=region, round_id=DEMO_ROUND, as_of=DEMO_AS_OF).iloc[-1]
    return [
        name,
        fmt_number(households["observed_extreme_poor_count"]),
        fmt_number(households["baseline_extreme_poor_count"]),
        fmt_number(households["extreme_poor_households_count"]),
        fmt_rupiah(budget["allocated_rp"]),
    ]


def test_pdf_is_one_a4_landscape_page_with_the_figures(files):
    region, folder, pdf, _ = files
    info = subprocess.run(
        ["pdfinfo", str(folder / "briefing.pdf")], capture_output=True, text=True, check=True
    )
    assert "Pages:           1" in info.stdout
    assert "841.89 x 595.28 pts (A4)" in info.stdout  # landscape: width before height
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "briefing.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for value in _expected(region):
        assert value in text, f"{value!r} missing from the PDF of {region}"
    assert "Jumlah rumah tangga miskin ekstrem turun dari" in text
    rounds = db.run_query("monitoring_rounds").set_index("round_id")
    # the map is the round's survey, not the register the planner's map of the same name shows
    assert f"per desa (survei {rounds.loc[DEMO_ROUND, 'name_id']})" in text
    assert "−" in text  # the true minus survives: the embedded font has it


def test_pdf_renders_to_png(files):
    region, folder, _, _ = files
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(folder / "briefing.pdf"), str(folder / "page")], check=True
    )
    pages = sorted(folder.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 20_000  # a blank page would be a few KB


def test_pptx_has_four_slides_with_the_figures(files):
    region, _, _, pptx = files
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) == 4
    text = "\n".join(
        shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
    )
    for value in _expected(region):
        assert value in text, f"{value!r} missing from the PPTX of {region}"
    pictures = [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 2  # the map and the KPI chart
    for slide in prs.slides:  # nothing hangs off the slide
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert (
                shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
            )


def test_province_briefing_says_how_many_decisions_are_left_out():
    pdf, pptx = briefing_files("99", 2, "en", TODAY)
    text = "\n".join(
        s.text_frame.text
        for sl in Presentation(io.BytesIO(pptx)).slides
        for s in sl.shapes
        if s.has_text_frame
    )
    assert "more MoAs on the MoA page" in text


def test_pdf_without_dejavu_falls_back_to_latin1(monkeypatch, tmp_path):
    """On a system without DejaVu the core font is used and "−", "≤" are written as "-", "<="."""
    from PIL import Image

    from sinergi.briefing import pdf as module
    from sinergi.briefing.content import Tile
    from sinergi.briefing.doc import BriefingDoc

    png = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(png, format="PNG")
    monkeypatch.setattr(module, "FONT_DIR", tmp_path / "none")
    doc = BriefingDoc(
        lang="id",
        title="Briefing Bupati: Kabupaten Watu Molo",
        subtitle="Endline",
        tiles=[Tile("RT miskin ekstrem", "1.629", "−252 (−13,4 %)", "inverse", "")] * 6,
        sentences=["Jumlah rumah tangga miskin ekstrem turun dari 1.881 menjadi 1.629 (−13,4 %)."] * 3,
        decisions=pd.DataFrame(
            {
                "moa_number": ["001"],
                "title": ["T"],
                "ended_on": ["1 Mei 2027"],
                "stage": [7],
                "reasons": ["≤ 90"],
            }
        ),
        headers={c: c for c in ("moa_number", "title", "ended_on", "stage", "reasons")},
        footer=["Sumber."],
        map_title="Peta",
        kpi_title="KPI",
        decisions_title="MoA",
        decisions_none="-",
        more_decisions="+{count}",
        map_png=png.getvalue(),
        kpi_png=png.getvalue(),
    )
    path = tmp_path / "fallback.pdf"
    path.write_bytes(module.briefing_pdf(doc))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "turun dari 1.881 menjadi 1.629 (-13,4 %)" in text
    assert "<= 90" in text


def test_baseline_pdf_keeps_one_page_and_says_progress_starts_at_the_next_round(tmp_path):
    """The baseline round's PDF: the same one-page layout, the KPIs with a target in place of a status tally."""
    from sinergi.common.i18n import translate

    pdf, _ = briefing_files("99.02", DEMO_BASELINE_ROUND, "id", TODAY)
    (tmp_path / "baseline.pdf").write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "baseline.pdf")], capture_output=True, text=True, check=True
    )
    assert "Pages:           1" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "baseline.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert translate("briefing.kpi_title_baseline", "id") in words
    assert "dihitung mulai putaran berikutnya" in words
    assert translate("briefing.kpi_title", "id") not in words and "KPI di bawah target" not in words
