"""Monitoring pages under AppTest: every page runs without exceptions for two kabupaten, a kecamatan and the province."""

import re

import pandas as pd
import pytest
from conftest import DEMO_KABUPATEN, DEMO_PROVINCE, click_download, open_page

from sinergi.common.i18n import translate

PAGES = [
    "pages/kpi_monitoring.py",
    "pages/household_transitions.py",
    "pages/comparison.py",
    "pages/interventions.py",
    "pages/budget.py",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("region", [*DEMO_KABUPATEN])
def test_page_runs(app, page, region):
    at = open_page(app, page, wilayah=region, putaran="2")
    assert not at.exception, at.exception
    assert at.title
    assert len(at.get("plotly_chart")) >= 1


def test_kpi_page_for_a_kecamatan_and_a_deep_linked_moa(app):
    at = open_page(app, "pages/kpi_monitoring.py", wilayah="99.05.03", putaran="2", moa="MOA-0502")
    assert not at.exception
    assert at.selectbox(key="monev_moa").value == "MOA-0502"
    assert any("hanya mencakup" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert "MoA" not in table.columns  # one MoA chosen: no MoA column
    assert set(table["Status"]) <= {"Tercapai", "Sesuai jalur", "Belum tercapai", "Tidak terukur"}
    assert any(e.label == "Cara hitung" for e in at.expander)


def test_kpi_page_province_ranks_kabupaten_in_english(app):
    at = open_page(app, "pages/kpi_monitoring.py", wilayah=DEMO_PROVINCE, putaran="2", bahasa="en")
    assert not at.exception
    # the summary first, the detail in tabs: only the open tab is drawn
    assert [m.label for m in at.metric][:3] == ["Achieved", "On track", "Not yet achieved"]
    first_tab = len(at.get("plotly_chart"))
    assert first_tab >= 4
    at.session_state["monev_tab"] = "MoAs ranked by attainment"
    at.run()
    assert not at.exception
    assert "Regencies ranked by attainment" in [s.value for s in at.subheader]
    assert len(at.get("plotly_chart")) == 2


@pytest.mark.parametrize("tab", ["Per kecamatan", "Menurut kelompok"])
def test_kpi_page_detail_tabs_draw_on_demand(app, tab):
    at = open_page(app, "pages/kpi_monitoring.py", wilayah=DEMO_KABUPATEN[1], putaran="2")
    at.session_state["monev_tab"] = tab
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == (1 if tab == "Per kecamatan" else 3)
    assert at.query_params["kpi"]


def test_baseline_round_explains_itself(app):
    at = open_page(app, "pages/household_transitions.py", wilayah=DEMO_KABUPATEN[0], putaran="1")
    assert not at.exception
    # the note alone: no round compared with itself, no "observed at Baseline 2025 and at Baseline 2025"
    assert [i.value for i in at.info] == [translate("monev.same_round", "id")]
    assert not at.main.metric and len(at.main.caption) == 1 and not at.get("plotly_chart")  # the as-of line


def test_kpi_page_lists_drafts_and_discontinued_apart_without_progress(app):
    at = open_page(app, "pages/kpi_monitoring.py", wilayah="99.02", putaran="2")
    assert not at.exception
    table = at.dataframe[0].value
    assert {"Baseline tertulis (MoA)", "Baseline terukur", "Capaian dari"} <= set(table.columns)
    assert set(table["Capaian dari"]) == {"baseline tertulis"}  # the whole kabupaten: the MoA's own baseline
    assert not {"MOA-0203", "MOA-0206"} & set(table["MoA"])  # discontinued and draft: no progress figure
    pipeline = at.dataframe[-1].value
    assert sorted(pipeline["MoA"]) == ["MOA-0203", "MOA-0206"]
    assert any("Pipeline" in s.value for s in at.subheader)


@pytest.mark.parametrize(
    ("lang", "labels", "caveat"),
    [
        ("id", ["Selisih perubahan (DiD)", "Plasebo: sasaran MoA draf"], "bukan bukti dampak"),
        ("en", ["Difference in differences", "Placebo: draft-MoA targets"], "not proof of impact"),
    ],
)
def test_comparison_page_shows_the_interval_the_placebo_and_the_caveat(app, lang, labels, caveat):
    at = open_page(app, "pages/comparison.py", wilayah=DEMO_PROVINCE, putaran="2", bahasa=lang)
    assert not at.exception
    assert [m.label for m in at.metric][:2] == labels
    assert sum(c.value.startswith("95") for c in at.caption) == 2  # the estimate's and the placebo's interval
    assert caveat in at.warning[0].value


def test_a_placebo_that_cannot_be_computed_says_why(app):
    # walk1 item 9: Oe Mutiara at Endline has no draft-MoA target left to compare: "– poin, 95 %: – s.d. – poin"
    # with no reason; the tile now says there are none (and it is not a privacy withholding)
    at = open_page(app, "pages/comparison.py", wilayah=DEMO_KABUPATEN[1], putaran="2")
    assert not at.exception
    assert (at.metric[1].label, at.metric[1].value) == ("Plasebo: sasaran MoA draf", "–")  # not "– poin"
    assert any(
        c.value.startswith("Tidak dihitung: wilayah ini tidak punya sasaran MoA draf") for c in at.caption
    )
    assert not any("– s.d. –" in c.value for c in at.caption)


def test_kecamatan_pages_say_a_budget_is_the_kabupatens(app):
    at = open_page(app, "pages/overview.py", wilayah="99.02.10", putaran="2")
    assert not at.exception
    assert any(m.label.startswith("Anggaran kabupaten") for m in at.metric)
    assert any("Garis kemiskinan ekstrem Endline 2026: Rp 13.720" in c.value for c in at.caption)
    budget = open_page(app, "pages/budget.py", wilayah="99.02.10", putaran="2")
    assert not budget.exception
    assert any("dicatat per kabupaten" in i.value for i in budget.info)
    per_moa = next(d.value for d in budget.dataframe if "Per RT terjangkau (Rp)" in d.value.columns)
    assert sorted(per_moa["MoA"]) == ["MOA-0201", "MOA-0204", "MOA-0205", "MOA-0207"]


@pytest.mark.parametrize(("lang", "start", "stage"), [("id", "Mulai", "Tahap"), ("en", "Starts", "Stage")])
def test_kpi_pipeline_table_shows_dates_in_words_and_stage_names(app, con, lang, start, stage):
    # Tester: "Mulai 2024-05-21 00:00:00" and "Tahap 7" in the drafts/discontinued list.
    from rendered import display_frame

    from sinergi.common.fmt import fmt_date

    at = open_page(app, "pages/kpi_monitoring.py", wilayah="99.02", putaran="2", bahasa=lang)
    assert not at.exception
    element = next(d for d in at.dataframe if {start, stage} <= set(d.value.columns))
    values, shown, _ = display_frame(element)
    table = shown if shown is not None else values
    rows = con.execute(
        "select m.started_on, m.current_stage_no, ps.name_id, ps.name_en from moa m "
        "join program_stage ps on ps.stage_no = m.current_stage_no "
        "where m.kabupaten_code = '99.02' and m.status in ('draft', 'dihentikan')"
    ).fetchall()
    assert rows and len(table) == len(rows)
    assert set(table[start]) == {fmt_date(r[0], lang) for r in rows}
    assert set(table[stage]) == {f"{r[1]}. {r[2] if lang == 'id' else r[3]}" for r in rows}


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/kpi_monitoring.py"])
def test_poverty_line_note_in_english_has_english_words_and_numbers(app, page):
    at = open_page(app, page, wilayah="99.02", putaran="2", bahasa="en")
    assert not at.exception
    note = next(c.value for c in at.caption if "Extreme-poverty line" in c.value)
    assert "IDR 13,326" in note and "demo assumption" in note and "CPI August 2026" in note
    assert not {"Maret", "asumsi", "IHK", "Rp"} & set(re.findall(r"\w+", note))


@pytest.mark.parametrize("role", ["admin", "monev"])
def test_perpindahan_pages_its_desa_table_and_downloads_every_desa(app, con, tmp_path, monkeypatch, role):
    """The province has more desa than a page holds: the table shows 500, then the rest, ordered as the chart (most
    leaving first); the CSV holds every desa, read on click."""
    monkeypatch.setenv("SINERGI_AUDIT_DB", str(tmp_path / "audit.sqlite3"))
    app.default_timeout = 90  # the province page, three runs and a download: slow on a busy machine
    desa = con.execute(
        "select count(distinct desa_code) from summary_desa_transition where baseline_round_id = 1 and round_id = 2"
    ).fetchone()[0]
    assert desa > 500
    at = open_page(app, "pages/household_transitions.py", role=role, wilayah=DEMO_PROVINCE, putaran="2")
    at.segmented_control(key="perpindahan_population").set_value("semua").run()
    assert not at.exception
    assert any("Halaman 1 dari 2" in c.value for c in at.caption)
    first = next(d.value for d in at.dataframe if "Desa" in d.value.columns)
    at.number_input(key=f"perpindahan_page_{DEMO_PROVINCE}_2_semua").set_value(2).run()
    second = next(d.value for d in at.dataframe if "Desa" in d.value.columns)
    assert (len(first), len(second)) == (500, desa - 500)
    assert not set(first["Desa"]) & set(second["Desa"])
    csv = next(b for b in at.get("download_button") if b.proto.label == "Unduh CSV")
    lines = click_download(csv).decode("utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == desa
    assert [line.split(";")[0] for line in lines[1:3]] == first["Desa"].head(2).tolist()


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_kpi_table_sorts_by_the_numbers_shown_and_reads_them_in_the_kpis_unit(app, role):
    """A header click sorts by number: the table sends the values shown, and writes each in its KPI's unit."""
    from rendered import display_frame

    at = open_page(app, "pages/kpi_monitoring.py", role, wilayah="99.02", putaran="2")
    assert not at.exception
    values, shown, _ = display_frame(at.dataframe[0])
    shown = shown.set_axis(values.columns, axis=1)
    for key in ("monev.col.target", "monev.col.value", "monev.col.attainment", "monev.col.households"):
        header = translate(key, "id")
        assert pd.api.types.is_float_dtype(values[header]), (header, values[header].dtype)
    target = translate("monev.col.target", "id")
    percent = shown[target].str.endswith("%")
    assert percent.any() and (~percent).any()  # shares and counts side by side: each written in its unit
    # the shares, sorted by the numbers under them, read in increasing order ("25 %" before "100 %")
    order = values.loc[percent, target].sort_values(kind="stable").index
    read = [float(s.removesuffix(" %").replace(".", "").replace(",", ".")) for s in shown.loc[order, target]]
    assert read == sorted(read) and len(set(read)) > 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_kpi_page_at_the_baseline_rates_no_kpi(app, con, lang):
    """walk1: at the baseline round the page read "KPI: Baseline 2025 → Baseline 2025" with "on track 5, not yet
    achieved 18". Nothing has moved yet: the starting values beside the targets, no status, no ranking."""
    at = open_page(app, "pages/kpi_monitoring.py", wilayah="99.02", putaran="1", bahasa=lang)
    assert not at.exception, at.exception
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    tiles = {m.label: m.value for m in at.main.metric}
    statuses = {
        t(f"monev.status.{s}") for s in ("tercapai", "sesuai_jalur", "belum_tercapai", "tidak_terukur")
    }
    assert not statuses & set(tiles)
    table = at.dataframe[0].value
    assert t("monev.col.status") not in table.columns and t("monev.col.attainment") not in table.columns
    targets = con.execute(
        "select count(*) from kpi_target k join moa m using (moa_id) "
        "where m.kabupaten_code = '99.02' and m.status <> 'draf'"
    ).fetchone()[0]
    assert int(tiles[t("monev.tile.kpis")].replace(".", "").replace(",", "")) == len(table) <= targets
    assert t("monev.table_heading_baseline", baseline="Baseline 2025") in [s.value for s in at.subheader]
