"""The briefing page under AppTest: draws in both languages, at every region level and round, figures match."""

import re

import duckdb
import pytest
from conftest import open_page

from sinergi.common.fmt import fmt_date, fmt_number
from sinergi.data import db

PAGE = "pages/briefing.py"


@pytest.mark.parametrize(
    ("lang", "heading"), [("id", "Briefing Bupati: Kabupaten"), ("en", "Regent's briefing:")]
)
def test_briefing_page_in_both_languages(app, lang, heading):
    at = open_page(app, PAGE, wilayah="99.02", putaran="2", bahasa=lang)
    assert not at.exception
    assert at.title[0].value.startswith(heading)
    assert len(at.metric) == 6
    # independent of the page's queries: valid households of 99.02 whose round-2 expenditure is under that round's line
    con = duckdb.connect(str(db.database_path()), read_only=True)
    observed = con.execute(
        "select count(*) from household_observation o join monitoring_round r using (round_id) "
        "join household h using (household_id) where o.round_id = 2 and h.desa_code like '99.02.%' "
        "and h.verification_status <> 'tidak_valid' "
        "and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day"
    ).fetchone()[0]
    con.close()
    assert observed > 0
    assert at.metric[0].value == fmt_number(observed, lang)
    assert len(at.get("plotly_chart")) == 2  # the map and the KPI status chart


@pytest.mark.parametrize(("wilayah", "putaran"), [("99", "2"), ("99.05.01", "2"), ("99.05", "1")])
def test_briefing_page_at_other_levels_and_the_baseline(app, wilayah, putaran):
    at = open_page(app, PAGE, wilayah=wilayah, putaran=putaran)
    assert not at.exception
    assert len(at.metric) == 6


def test_export_runs_in_the_background_with_progress_then_offers_pdf_and_pptx(app):
    import time

    at = open_page(app, PAGE, wilayah="99.05", putaran="2")
    assert "PDF (1 halaman A4)" not in [b.proto.label for b in at.get("download_button")]  # only on request
    at.button(key="briefing_prepare").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    if "PDF (1 halaman A4)" not in labels:  # still being made: the page shows how far it is
        assert at.get("progress") and "detik" in at.get("progress")[0].proto.text
    for _ in range(120):
        labels = [b.proto.label for b in at.get("download_button")]
        if "PDF (1 halaman A4)" in labels:
            break
        time.sleep(1)
        at.run()
    assert not at.exception
    assert "PDF (1 halaman A4)" in labels and "PowerPoint (4 slide)" in labels


def test_province_briefing_is_the_governors_and_its_counts_add_up(app):
    at = open_page(app, PAGE, wilayah="99", putaran="2")
    assert at.title[0].value.startswith("Briefing Gubernur: Provinsi")
    decisions = next(m for m in at.metric if m.label == "MoA perlu keputusan")
    sentence = next(md.value for md in at.markdown if "MoA perlu keputusan:" in md.value)
    parts = sentence.split("MoA perlu keputusan:")[1]
    numbers = [int(n) for n in re.findall(r"(\d+) (?:dengan )?(?:berakhir|KPI|tahapan)", parts)]
    assert len(numbers) >= 2 and sum(numbers) == int(decisions.value.replace(".", ""))


def test_projector_names_every_moa_it_counts_or_says_how_many_are_shown(app):
    # Tester, 99.02: "MoA yang perlu keputusan (5)" named 3 and linked to a page listing 3 others.
    at = open_page(app, PAGE, wilayah="99.02", putaran="2", role="pimpinan", scope="99.02")
    assert not at.exception
    heading = next(m.value for m in at.markdown if m.value.startswith("**MoA yang perlu keputusan"))
    named = " ".join(m.value for m in at.markdown).replace("\\", "")  # Markdown escapes: MOA\-0206
    count = int(re.search(r"dari (\d+) ditampilkan", heading).group(1)) if "ditampilkan" in heading else None
    counted = count or int(re.search(r"\((\d+)\)", heading).group(1))
    assert counted == 5
    assert len(set(re.findall(r"MOA-\d{4}", named))) >= counted
    assert {"MOA-0206", "MOA-0207"} <= set(re.findall(r"MOA-\d{4}", named))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_baseline_briefing_says_which_figure_is_at_which_date(app, lang):
    # Tester: "Baseline 2025 dibanding baseline" (a round compared with itself), coverage counted to the round's end
    # while MoAs were counted to the dataset's date, with one date on the page; and "Sumber:" twice in the footer.
    from conftest import DEMO_AS_OF

    con = duckdb.connect(str(db.database_path()), read_only=True)
    ended = con.execute("select ended_on from monitoring_round where round_id = 1").fetchone()[0]
    con.close()
    at = open_page(app, PAGE, wilayah="99.02", putaran="1", bahasa=lang)
    assert not at.exception
    subtitle = at.caption[0].value
    assert subtitle.lower().count("baseline") == 1  # the round is named once, not compared with itself
    assert fmt_date(min(ended, DEMO_AS_OF), lang) in subtitle and fmt_date(DEMO_AS_OF, lang) in subtitle
    footer = next(c.value for c in at.caption if "Sumber:" in c.value or "Source:" in c.value)
    assert footer.count("Sumber:") + footer.count("Source:") == 1
    second = open_page(app, PAGE, wilayah="99.02", putaran="2", bahasa=lang).caption[0].value
    assert "baseline" in second.lower()


@pytest.mark.parametrize("page", [PAGE, "pages/overview.py"])
def test_tiles_use_the_true_minus_and_still_read_a_fall_as_good(app, page):
    # Tester: "-31 (-1,8 %)" with a hyphen on a tile next to "−1,8 %" in the text.
    from streamlit.proto.Metric_pb2 import Metric

    at = open_page(app, page, wilayah="99.02", putaran="2")
    assert not at.exception
    signed = [m for m in at.metric if m.delta and m.delta[0] in "-−"]
    assert signed and all("-" not in m.delta for m in signed)
    for m in signed:  # a fall in extreme poverty: green, arrow down
        assert m.proto.color == Metric.MetricColor.GREEN and m.proto.direction == Metric.MetricDirection.DOWN


@pytest.mark.parametrize("lang", ["id", "en"])
def test_briefing_and_peta_maps_name_their_source(app, lang):
    # Tester: the briefing's map (the round's survey) and Peta's (the P3KE register) had the same title with
    # different classes, so a Bupati's office comparing the two saw two answers to one question.
    from conftest import APP
    from streamlit.testing.v1 import AppTest

    from sinergi.common.i18n import translate

    rounds = db.run_query("monitoring_rounds").set_index("round_id")
    survey = translate("briefing.map_source", lang, round=rounds.loc[2, f"name_{lang}"])
    at = open_page(app, PAGE, role="pimpinan", wilayah="99.02", putaran="2", bahasa=lang)
    assert not at.exception
    assert any(survey in m.value for m in at.markdown)  # the title over the map (printed as it is)
    legend = at.get("plotly_chart")[0].proto.spec
    assert survey in legend
    peta = open_page(AppTest.from_file(APP, default_timeout=30), "pages/map_explorer.py", role="pimpinan",
                     wilayah="99.02", putaran="2", bahasa=lang)  # fmt: skip
    assert not peta.exception
    register = translate("peta.indicator.extreme_poor", lang)
    assert "register" in register
    assert any(register in h.proto.body for h in peta.get("html"))  # the legend's title
    assert survey not in " ".join(h.proto.body for h in peta.get("html"))


def test_a_wide_region_keeps_the_map_wide_with_its_legend_below(app):
    # Walk, province briefing: the legend beside a wide, flat province squeezed the map into half its column.
    import json

    at = open_page(app, PAGE, role="tamu", wilayah="99", putaran="2")
    assert not at.exception
    legend = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["legend"]
    assert legend["orientation"] == "h"
    kabupaten = open_page(app, PAGE, role="tamu", wilayah="99.02", putaran="2")
    assert json.loads(kabupaten.get("plotly_chart")[0].proto.spec)["layout"]["legend"]["orientation"] == "v"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_baseline_briefing_shows_the_starting_values_and_no_progress(app, lang):
    """At the baseline round the KPI panel shows each KPI's starting value and target and a line that progress
    starts at the next round; no status chart (every KPI read "not yet achieved" against itself)."""
    from rendered import display_frame

    from sinergi.common.i18n import translate

    at = open_page(app, PAGE, wilayah="99.02", putaran="1", bahasa=lang)
    assert not at.exception
    charts = [c.proto.id for c in at.get("plotly_chart")]
    assert not [c for c in charts if "briefing_kpi" in c] and len(charts) == 1  # the map alone
    assert translate("briefing.kpi_baseline_note", lang) in [i.value for i in at.info]
    baseline = translate("method.col.baseline_value", lang)
    values, shown, _ = display_frame(next(d for d in at.dataframe if baseline in d.value.columns))
    assert values[baseline].dtype == "float64"  # numbers underneath: a header click sorts them
    assert shown.set_axis(values.columns, axis=1)[baseline].str.endswith("%").any()  # shares in their unit
    assert translate("briefing.tile.kpi_from_next_round", lang) in [m.proto.delta for m in at.metric]
    later = open_page(app, PAGE, wilayah="99.02", putaran="2", bahasa=lang)
    assert not [i for i in later.info if i.value == translate("briefing.kpi_baseline_note", lang)]
    assert any("briefing_kpi" in c.proto.id for c in later.get("plotly_chart"))
