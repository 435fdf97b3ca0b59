"""Rule 8 of docs/privacy.md: a figure derived from people counts (a score, an attainment, a change, a tile under
free filters) gives back nothing the protected display does not. Each test is an attack a tester ran against the
demo data as pimpinan or monev (walk 1, items 1, 3, 4 and 11); on main before rule 8 each recovers hidden counts.
"""

import re

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from conftest import APP, DEMO_AS_OF, open_page
from rendered import shown_table
from streamlit.testing.v1 import AppTest

from sinergi.access.policy import fetch_as, make_viewer
from sinergi.common.i18n import translate
from sinergi.common.suppressed import Count, breakdown_value, true_value
from sinergi.planning.targeting import COMPONENTS, DEFAULT_WEIGHTS, score_locations

KABUPATEN = "99.02"
SAWU_TIMUR = "99.02.03"


def t(key: str) -> str:
    return translate(key, "id")


def fetch(role: str):
    return fetch_as(make_viewer("x", role, KABUPATEN if role == "pimpinan" else None))


def render(page: str, role: str, region: str, state: dict, putaran: str = "2", **query: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at = open_page(at, page, role, None, wilayah=region, putaran=putaran, **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def number(text: object) -> int | str | None:
    """A cell as the intruder reads it: an integer, "<5", or None (no number)."""
    text = str(text).strip().replace("−", "-")
    if text == "<5":
        return "<5"
    return int(text.replace(".", "")) if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})*|-?\d+", text) else None


def candidates(shown: int | str, rounded: bool) -> range:
    """The true values a cell allows, by the published method: "<5" is 1-4, a rounded cell its value ±2 (5 and more
    are never shown as "<5"), anything else exact."""
    if shown == "<5":
        return range(1, 5)
    if rounded and shown:
        return range(max(shown - 2, 5), shown + 3)
    return range(shown, shown + 1)


# -- Item 1: Penetapan Lokasi Sasaran. With one weight non-zero, score = 100 (n - min) / (max - min) to one decimal.


def solve_scores(shown: list[int | str], scores: np.ndarray) -> np.ndarray | None:
    """Return the one set of counts that explains every score to one decimal and every shown cell, or None when
    none or several do (the tester's attack: the desa at 0 and at 100 bound min and max)."""
    low, high = shown[int(np.argmin(scores))], shown[int(np.argmax(scores))]
    found = None
    for lo in candidates(low, True):
        for hi in candidates(high, True):
            if hi <= lo:
                continue
            counts = np.round(lo + scores / 100 * (hi - lo))
            if not np.array_equal(np.round(100 * (counts - lo) / (hi - lo), 1), scores):
                continue
            if not all(int(c) in candidates(s, True) for s, c in zip(shown, counts, strict=True)):
                continue
            if found is not None and not np.array_equal(found, counts):
                return None
            found = counts
    return found


def score_attack(frame: pd.DataFrame, truth: pd.Series) -> tuple[int, int, int]:
    """Return (cells attacked, hidden cells recovered, rounded cells recovered) for one region's ranked table."""
    weights = {c: 0.0 for c in COMPONENTS} | {"miskin": 1.0}
    ranked = score_locations(frame, weights)
    shown = [
        "<5" if breakdown_value(c) is None else breakdown_value(c)
        for c in ranked["extreme_poor_households_count"]
    ]
    counts = solve_scores(shown, ranked["score"].round(1).to_numpy())
    exact = ranked["desa_code"].map(truth).to_numpy()
    if counts is None:
        return len(shown), 0, 0
    hidden = np.array([s == "<5" for s in shown])
    right = counts == exact
    return len(shown), int((right & hidden).sum()), int((right & ~hidden).sum())


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_the_location_score_solves_for_no_count(role):
    """Every kecamatan of 99.02, weight on "Jumlah RT miskin ekstrem" only: on main 9 of 14 hidden and 67 of 67
    rounded desa counts come back exactly from the scores shown to one decimal."""
    truth_fetch, mine = fetch("admin"), fetch(role)
    kecamatan = truth_fetch("regions_under", parent_code=KABUPATEN)["region_code"]
    attacked = hidden = rounded = 0
    for code in kecamatan:
        truth = truth_fetch("location_indicators", region=code, as_of=DEMO_AS_OF)
        exact = truth.set_index("desa_code")["extreme_poor_households_count"].map(true_value)
        cells, h, r = score_attack(mine("location_indicators", region=code, as_of=DEMO_AS_OF), exact)
        attacked, hidden, rounded = attacked + cells, hidden + h, rounded + r
    assert attacked > 50
    assert (hidden, rounded) == (0, 0), (
        f"{hidden} hidden and {rounded} rounded counts recovered of {attacked}"
    )


def test_the_intruder_solves_scores_made_from_true_counts():
    true = np.array([13, 11, 7, 7, 6, 4, 4, 3, 2])
    scores = np.round(100 * (true - 2) / 11, 1)
    shown = ["<5" if 0 < n < 5 else int(5 * np.floor(n / 5 + 0.5)) for n in true]
    assert np.array_equal(solve_scores(shown, scores), true)


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_the_sasaran_page_scores_from_the_counts_it_shows(role):
    """The page as the tester used it (Sawu Timur, every weight but the count at 0): the scores drawn solve for no
    count admin's table holds, and the role is told its scores come from the rounded counts."""
    weights = {f"sasaran_lokasi_w_{c}": (1.0 if c == "miskin" else 0.0) for c in COMPONENTS}
    tables = {}
    for who in (role, "admin"):
        at = render("pages/target_selection.py", who, SAWU_TIMUR, weights)
        table = shown_table(at.main.dataframe[-1])
        tables[who] = table.set_index(t("col.region_code"))
        captions = [c.value for c in at.main.caption]
        assert (t("privacy.score_rounded") in captions) == (who != "admin")
    mine, admin = tables[role], tables["admin"]
    count, score = t("peta.indicator.extreme_poor"), t("sasaran_lokasi.col.score")
    shown = [number(c) for c in mine[count]]
    scores = np.array([float(str(s).replace(",", ".")) for s in mine[score]])
    exact = admin.loc[mine.index, count].map(number).to_numpy()
    solved = solve_scores(shown, scores)
    assert "<5" in shown, "Sawu Timur has desa of 1-4 extreme-poor households: nothing to attack"
    assert solved is None or not np.array_equal(solved, exact), "the scores give every count back"


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_aggregate_scores_are_admins_formula_on_the_counts_shown(role):
    """Consistency: a role's scores are exactly the scores of admin's figures as the table shows them (counts
    rounded to 5, "<5" as 2.5, shares rounded to 5 points); admin's own scores still use the true counts."""
    mine = score_locations(
        fetch(role)("location_indicators", region=KABUPATEN, as_of=DEMO_AS_OF), DEFAULT_WEIGHTS
    )
    admin = fetch("admin")("location_indicators", region=KABUPATEN, as_of=DEMO_AS_OF)
    as_shown = admin.copy()
    as_shown["extreme_poor_households_count"] = [
        2.5 if 0 < true_value(c) < 5 else breakdown_value(Count(true_value(c)))
        for c in admin["extreme_poor_households_count"]
    ]
    seen = mine.set_index("desa_code").loc[admin["desa_code"]]
    as_shown["extreme_poor_share_pct"] = seen["extreme_poor_share_pct"].to_numpy()
    as_shown["coverage_pct"] = seen["coverage_pct"].to_numpy()
    expected = score_locations(as_shown, DEFAULT_WEIGHTS).set_index("desa_code")["score"]
    got = mine.set_index("desa_code")["score"]
    assert np.allclose(got, expected.loc[got.index]), "a role's score is not the score of what it is shown"
    exact = score_locations(admin, DEFAULT_WEIGHTS).set_index("desa_code")
    n = admin.set_index("desa_code")["extreme_poor_households_count"].map(true_value).astype(float)
    assert np.allclose(exact["n_miskin"], ((n - n.min()) / (n.max() - n.min())).loc[exact.index])
    # rounding moves a normalised count by at most (2.5 + 2.5) / the shown range
    assert (exact["n_miskin"] - mine.set_index("desa_code").loc[exact.index, "n_miskin"]).abs().max() < 0.1


# -- Items 3 and 11: Monev KPI. Written baseline and target beside the protected counts, whole-percent attainment.

KPI_COLUMNS = (
    "method.col.mou_baseline_value",
    "method.col.baseline_value",
    "monev.col.value",
    "monev.col.target",
)


def kpi_table(role: str, region: str, putaran: str) -> pd.DataFrame:
    at = render("pages/kpi_monitoring.py", role, region, {}, putaran)
    table = shown_table(at.main.dataframe[0])
    # at the baseline round the table holds starting values and targets only
    unit_column = t("monev.col.value") if t("monev.col.value") in table else t("method.col.baseline_value")
    counts = ~table[unit_column].astype(str).str.contains("%")
    return table[counts].reset_index(drop=True)


def attainment_fits(text: str, pct: float) -> bool:
    text = text.replace("−", "-").replace(" ", "").rstrip("%")
    if text == "–":
        return True
    if text.startswith("≥"):
        return pct >= 100
    if text.startswith("<"):
        return pct < 0
    if "–" in text:
        low, high = (int(x) for x in text.split("–"))
        return low <= pct < high + 1
    return abs(pct - int(text)) <= 0.5


def kpi_attack(table: pd.DataFrame) -> list[tuple[int, int]]:
    """Return (row, the value) for each row whose current value the cells and the attainment pin to one number."""
    columns = [t(k) for k in KPI_COLUMNS]
    rounded = {
        c: all(v == "<5" or v % 5 == 0 for v in table[c].map(number) if v is not None) for c in columns
    }
    written, measured, value, target = columns
    out = []
    for i, row in table.iterrows():
        tertulis = row[t("method.col.baseline_source")] == t("method.baseline_source.tertulis")
        base = written if tertulis else measured
        cells = {c: number(row[c]) for c in (base, value, target)}
        if any(v is None for v in cells.values()):
            continue
        values = set()
        for b in candidates(cells[base], rounded[base]):
            for tg in candidates(cells[target], rounded[target]):
                for v in candidates(cells[value], rounded[value]):
                    if tg != b and attainment_fits(
                        str(row[t("monev.col.attainment")]), 100 * (v - b) / (tg - b)
                    ):
                        values.add(v)
        if len(values) == 1 and rounded[value]:
            out.append((i, values.pop()))
    return out


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_kpi_attainment_pins_no_value(role):
    """99.02 Endline: on main the written baseline and target are exact and the attainment a whole percent, so
    MOA-0201's health access (tertulis 97, target 171, 108 %) gives the value 177 where the table shows 175."""
    mine, admin = kpi_table(role, KABUPATEN, "2"), kpi_table("admin", KABUPATEN, "2")
    truth = admin[t("monev.col.value")].map(number)
    pinned = [
        (i, v) for i, v in kpi_attack(mine) if v == truth[i] and number(mine.at[i, t("monev.col.value")]) != v
    ]
    assert pinned == [], f"{len(pinned)} values pinned: {pinned}"


def test_the_intruder_pins_a_value_from_exact_written_figures_and_a_whole_percent():
    columns = [t(k) for k in KPI_COLUMNS]
    row = dict(zip(columns, ["97", "95", "175", "171"], strict=True))
    row |= {
        t("monev.col.attainment"): "108 %",
        t("method.col.baseline_source"): t("method.baseline_source.tertulis"),
    }
    assert kpi_attack(pd.DataFrame([row])) == [(0, 177)]
    row |= dict(zip(columns, ["95", "95", "175", "170"], strict=True)) | {
        t("monev.col.attainment"): "≥ 100 %"
    }
    assert kpi_attack(pd.DataFrame([row])) == []


@pytest.mark.parametrize(
    ("role", "region", "putaran"), [("pimpinan", KABUPATEN, "2"), ("monev", "99.05", "1")]
)
def test_kpi_counts_written_in_the_moa_are_protected_like_the_measured(role, region, putaran):
    """A written baseline of 3 deaths beside a measured "<5" (true 3) gives it back; at the baseline round the
    written baseline is the measured value. Every count cell of a count KPI reads 0, "<5" or a multiple of 5."""
    table = kpi_table(role, region, putaran)
    columns = [t(k) for k in KPI_COLUMNS if t(k) in table]
    assert t("method.col.baseline_value") in columns and t("monev.col.target") in columns
    cells = [(column, row[column]) for column in columns for _, row in table.iterrows()]
    exact = [(c, v) for c, v in cells if isinstance(number(v), int) and number(v) % 5]
    assert exact == [], exact[:10]
    assert any(v == "<5" for _, v in cells)


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_kpi_rows_of_a_kecamatan_keep_to_its_scope(role):
    """Nela Utara: the whole MoA's written baseline is not set beside the kecamatan's measured value (its source is
    the measured one), and a change reads a number or "–", never "+<5"."""
    table = kpi_table(role, "99.02.11", "2")
    measured = table[t("method.col.baseline_source")] == t("method.baseline_source.terukur")
    assert measured.any()
    assert set(table.loc[measured, t("method.col.mou_baseline_value")]) <= {"–"}
    assert not table[t("monev.col.change")].astype(str).str.contains("<5").any()


# -- Item 4: Riwayat Program. The "RT penerima" tile follows free filters.


def history_tile(role: str, sectors: list[str], years: tuple[int, int]) -> int | str:
    state = {"riwayat_sectors": sectors, "riwayat_years": years}
    at = render("pages/program_history.py", role, KABUPATEN, state)
    tile = next(m for m in at.main.metric if m.label == t("riwayat.chart.beneficiaries"))
    return number(tile.value)


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_a_filtered_beneficiary_tile_gives_no_program_back(role):
    """UMKM 2025 is one program of 133 households (its row reads 135): on main the tile under that filter reads 133,
    and UMKM 2024-2025 less UMKM 2024 gives it too. Read by the method (a multiple of 5 is ±2), neither pins it."""
    truth = history_tile("admin", ["umkm"], (2025, 2025))
    assert truth % 5, "the attacked program's count is no multiple of 5: nothing to attack"
    alone = history_tile(role, ["umkm"], (2025, 2025))
    two, first = history_tile(role, ["umkm"], (2024, 2025)), history_tile(role, ["umkm"], (2024, 2024))
    assert len(candidates(alone, alone % 5 == 0)) > 1, f"the tile reads {alone}"
    low = min(candidates(two, two % 5 == 0)) - max(candidates(first, first % 5 == 0))
    high = max(candidates(two, two % 5 == 0)) - min(candidates(first, first % 5 == 0))
    assert low < high, f"{two} - {first} gives {truth}"


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_the_moa_page_writes_its_count_kpis_like_the_monev_page(role):
    """The MoA detail lists the KPI baseline and target as written: for a count KPI the same protection as on Monev
    KPI (MOA-0202: 3 deaths written as baseline, 1 as target), or the MoA page would give back what Monev hides."""
    at = render("pages/agreements.py", role, KABUPATEN, {}, moa="MOA-0202")
    table = next(
        shown_table(d) for d in at.main.dataframe if t("moa.kpi.target") in map(str, shown_table(d).columns)
    )
    counts = table[table[t("moa.kpi.unit")] != translate("vocab.kpi_unit.persen", "id")]
    cells = [number(v) for c in (t("moa.kpi.baseline"), t("moa.kpi.target")) for v in counts[c]]
    assert "<5" in cells
    assert all(v == "<5" or (isinstance(v, int) and v % 5 == 0) for v in cells), cells


def test_attainment_bands_and_how_they_read():
    from sinergi.common.fmt import fmt_pct
    from sinergi.common.suppressed import attainment_band, shown_number

    assert [float(attainment_band(a)) for a in (-550, 0, 24.9, 25, 99.9, 100, 127)] == [
        -25,
        0,
        0,
        25,
        75,
        100,
        100,
    ]
    assert [fmt_pct(attainment_band(a), "id") for a in (-5, 87, 108)] == ["< 0 %", "75–99 %", "≥ 100 %"]
    assert fmt_pct(attainment_band(87), "en") == "75–99%"
    assert attainment_band(float("nan")) != attainment_band(float("nan"))  # missing stays missing
    assert [shown_number(Count(n)) for n in (0, 3, 7, 8)] == [0, 2.5, 5, 10]
    assert shown_number(Count(3, exact=True)) == 3 and shown_number(7.5) == 7.5


def test_the_briefing_kpi_table_keeps_attainment_bands():
    """exports8 found the Briefing's KPI rows turning Bands back into floats ("100 %" where Monev reads "≥ 100 %")."""
    from types import SimpleNamespace

    from sinergi.briefing.content import kpi_rows
    from sinergi.common.suppressed import attainment_band, is_band
    from sinergi.monitoring.kpi import STATUSES

    kpi = pd.DataFrame(
        {
            "moa_id": ["M1", "M2", "M3"],
            "kpi_name_id": ["a", "b", "c"],
            "baseline_value": [Count(9), 40.0, Count(20)],
            "value": [Count(3), 55.5, Count(30)],
            "target_value": [Count(5), 60.0, Count(25)],
            # object dtype, as protect_derived leaves it
            "attainment_pct": pd.Series([attainment_band(125.0), 78.4, attainment_band(80.0)], dtype=object),
            "status": [STATUSES[0]] * 3,
        }
    )
    rows = kpi_rows(SimpleNamespace(kpi=kpi), "id")
    assert [is_band(a) for a in rows["attainment"]] == [True, False, True]
    assert str(rows["attainment"][0]) == ">=100" and rows["attainment"][1] == 78.0
