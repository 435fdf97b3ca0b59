"""The differencing attack of issue 11, as an intruder who reads every page and export: for each aggregate role,
region level (kabupaten, kecamatan) and round, collect every count the role is shown, per unit (desa, kecamatan,
category row), across Beranda, Briefing, Perpindahan (targets and all households), Intervensi, Sasaran lokasi and
Potensi sektor; then try differences and sums of pairs, and row and column totals against the headline figures.
No hidden count of 1-4 may come out exactly. The intruder knows the published method (docs/privacy.md): a
breakdown column whose counts are all multiples of 5 is read as rounded (the true value within 2 of it); every
other number is read as exact. Tables, their units and counts are discovered from what is drawn.
"""

import itertools
import json
import re

import pandas as pd
import pytest
import streamlit as st
from conftest import APP, open_page
from rendered import shown_table
from streamlit.testing.v1 import AppTest

from sinergi.common.display import HIDDEN_SORT
from sinergi.common.i18n import translate

# (page, widget state, whether every whole-number column of its per-region tables counts people)
PAGES = [
    ("pages/overview.py", {}, True),
    ("pages/briefing.py", {"briefing_kpi_table": True, "briefing_desa_table": True}, True),  # tables opened
    ("pages/household_transitions.py", {}, True),
    ("pages/household_transitions.py", {"perpindahan_population": "semua"}, True),
    ("pages/interventions.py", {}, True),
    ("pages/target_selection.py", {}, False),
    ("pages/sector_potential.py", {"sektor": "energi"}, False),
    ("pages/sector_potential.py", {"sektor": "umkm"}, False),
]
CODE = re.compile(r"\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?")
INTEGER = re.compile(r"^\d{1,3}(?:\.\d{3})*$|^\d+$")


def _number(cell: object) -> int | str | None:
    if isinstance(cell, str):
        text = cell.strip()
        return "<5" if text == "<5" else (int(text.replace(".", "")) if INTEGER.match(text) else None)
    if isinstance(cell, bool) or cell is None or cell != cell:
        return None
    return int(cell) if float(cell).is_integer() else None


def _aligned(cells: list, truth: list) -> tuple[list, list]:
    """Return the cells of the role's table and of admin's paired cell by cell: by unit and column when those name
    each cell once (a column may hold numbers in one table and text in the other, e.g. a score of 12,0), else by
    position when both read the same units and columns; nothing when they cannot be paired."""
    keys, truth_keys = [c[:2] for c in cells], [c[:2] for c in truth]
    if keys == truth_keys:
        return cells, truth
    if len(set(keys)) == len(keys) and len(set(truth_keys)) == len(truth_keys):
        admin = {c[:2]: c for c in truth}
        pairs = [(c, admin[c[:2]]) for c in cells if c[:2] in admin]
        return [c for c, _ in pairs], [t for _, t in pairs]
    return [], []


def _unit(row: pd.Series, index: object) -> str:
    for cell in [index, *row]:
        if isinstance(cell, str) and (m := CODE.search(cell)):
            return m.group(0)
    texts = [c for c in row if isinstance(c, str) and _number(c) is None]
    return texts[0] if texts else str(index)


def render(page: str, role: str, region: str, state: dict) -> AppTest:
    st.cache_data.clear()
    query = {k: v for k, v in state.items() if k == "sektor"}
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in state.items():
        if key != "sektor":
            at.session_state[key] = value
    at = open_page(at, page, role, None, wilayah=region, putaran="2", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> dict[tuple[str, ...], list[tuple[str, str, object]]]:
    """Return each drawn table, by its headers, as cells (unit, column, count or "<5"), count columns only: as the
    reader sees them (the text drawn). Underneath, what the browser sorts by gives nothing more: a cell that reads
    "<5" holds the same HIDDEN_SORT as every other, and a share the share shown (its column is no count)."""
    out = {}
    for element in at.main.dataframe:
        values = element.value
        if not isinstance(values, pd.DataFrame):
            continue
        frame = shown_table(element)
        hidden = frame.map(lambda text: isinstance(text, str) and text.strip() == "<5")
        underneath = [values.iat[i, j] for i, j in zip(*hidden.to_numpy().nonzero(), strict=True)]
        assert all(v in ("<5", HIDDEN_SORT) for v in underneath), set(underneath)
        cells = []
        for index, row in frame.iterrows():
            unit = _unit(row, index)
            for column, cell in row.items():
                value = _number(cell)
                if value is not None and not (isinstance(value, int) and 1900 < value < 2100):
                    cells.append((unit, str(column), value))
        out[tuple(map(str, frame.columns))] = cells
    return out


# Numbers that are no counts: dates (31 Oktober 2026, 25 September 2026), Rupiah amounts (Rp 13.326) and the
# poverty line's basis (US$1,90 PPP 2011) in the notes under figures; bare years (a count of 1.000 or more carries a
# thousands separator).
NOT_COUNTS = re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b|Rp ?[\d.,]+|US\$[\d.,]+ PPP \d{4}|\b(?:19|20)\d{2}\b")


def headline(at: AppTest) -> set[int]:
    """Return the exact headline numbers of the page (tiles and stated totals); dates and money are no totals."""
    texts = [
        NOT_COUNTS.sub(" ", t) for t in [m.value for m in at.main.metric] + [c.value for c in at.main.caption]
    ]
    return {
        int(t.replace(".", ""))
        for text in texts
        for t in re.findall(r"(?<![\d,])\d{1,3}(?:\.\d{3})+|(?<![\d,.])\d+(?![\d,])", text)
    }


def _rank_like(values: list) -> bool:
    return sorted(v for v in values if isinstance(v, int)) == list(range(1, len(values) + 1))


def intervals(cells: list[tuple[str, str, object]]) -> dict[int, tuple[int, int]]:
    """Return the intruder's interval for each shown cell of one table: ±2 in a column read as rounded."""
    rounded = {}
    for column in {c for _, c, _ in cells}:
        values = [v for _, c, v in cells if c == column and v != "<5"]
        rounded[column] = bool(values) and all(v % 5 == 0 for v in values) and any(v >= 5 for v in values)
    out = {}
    for i, (_, column, value) in enumerate(cells):
        if value == "<5":
            out[i] = (1, 4)
        elif rounded[column] and value > 0:
            out[i] = (max(value - 2, 5), value + 2)
        else:
            out[i] = (value, value)
    return out


def recovered(lo: int, hi: int, truth: int) -> bool:
    return max(lo, 1) == min(hi, 4) == truth


def attack(role: str, region: str) -> tuple[int, list[str]]:
    """Return (hidden cells attacked, the ones recovered exactly)."""
    hidden, shown = [], []
    for page, state, people in PAGES:
        mine, admins = render(page, role, region, state), render(page, "admin", region, state)
        page_totals = {n for n in headline(mine) if n >= 5}  # a total of 1-4 reads "<5": no total to use
        truths = tables(admins)
        for headers, cells in tables(mine).items():
            whole = truths.get(headers, [])
            # a rank (1..n in admin's table) is no count, though it differs by role when the order does
            ranks = {c for _, c, _ in whole if _rank_like([w for _, x, w in whole if x == c])}
            cells, truth = _aligned(cells, whole)
            # count columns: those the role sees otherwise than admin (hidden or rounded); the others (ranks,
            # targets written in an MoA, scores) are no counts of people and shown alike to every role
            counted = {c for (_, c, v), (_, _, w) in zip(cells, truth, strict=True) if v != w} - ranks
            if people and any(CODE.fullmatch(u) for u, _, _ in cells):
                counted |= {c for _, c, _ in cells if not _rank_like([w for _, x, w in truth if x == c])}
            cells = [cell for cell in cells if cell[1] in counted]
            truth = [cell for cell in truth if cell[1] in counted]
            bounds = intervals(cells)
            for i, (unit, column, value) in enumerate(cells):
                shown.append((unit, bounds[i]))
                # hidden: a true count of 1-4 the role sees otherwise ("<5", or a 0 or blank standing for it)
                if value != truth[i][2] and isinstance(truth[i][2], int) and 1 <= truth[i][2] <= 4:
                    hidden.append((page, unit, column, truth[i][2], bounds, cells, i, page_totals))
    found = []
    by_unit: dict[str, list[tuple[int, int]]] = {}
    for unit, b in shown:
        by_unit.setdefault(unit, []).append(b)
    for page, unit, column, truth, bounds, cells, i, page_totals in hidden:
        label = f"{page} {unit} {column}={truth}"
        numbers = [b for b in by_unit.get(unit, []) if b != (1, 4)]
        for (alo, ahi), (blo, bhi) in itertools.permutations(numbers, 2):
            if recovered(alo - bhi, ahi - blo, truth) or recovered(alo + blo, ahi + bhi, truth):
                found.append(f"{label} by a pair")
                break
        for same in ("row", "column"):
            others = [
                j
                for j, c in enumerate(cells)
                if j != i and (c[0] == unit if same == "row" else c[1] == column)
            ]
            lo = sum(bounds[j][0] for j in others)
            hi = sum(bounds[j][1] for j in others)
            # a row adds up to an exact count of the same unit; a column to a headline figure of its page
            exact = {lo2 for lo2, hi2 in numbers if lo2 == hi2 and lo2 >= 5}
            for total in exact if same == "row" else page_totals:
                if recovered(total - hi, total - lo, truth):
                    found.append(f"{label} by its {same} total {total}")
                    break
    return len(hidden), sorted(set(found))


@pytest.mark.parametrize("region", ["99.02", "99.02.03"])
@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_no_hidden_count_comes_back_by_differencing(role, region):
    attacked, found = attack(role, region)
    assert attacked, "no hidden cell drawn: the attack has nothing to try"
    assert found == [], f"{len(found)} of {attacked} hidden counts recovered: {found[:10]}"


def test_the_intruder_recovers_what_an_exact_table_gives_away():
    cells = [("d", "observed", 21), ("d", "stayed", 17), ("d", "fell_in", "<5")]
    bounds = intervals(cells)
    assert bounds[0] == (21, 21) and bounds[2] == (1, 4)
    assert recovered(21 - 17, 21 - 17, 4) and not recovered(20 - 17 - 4, 20 + 2 - 15, 4)
    rounded = intervals([("d", "observed", 20), ("d", "stayed", 15), ("d", "fell_in", "<5")])
    assert rounded[0] == (18, 22) and not recovered(18 - 17, 22 - 13, 4)


# -- Parts of one whole: tiles that add up to a stated total, and ratios whose divisor is a protected count.


def _figure(text: str) -> int | str:
    text = text.strip()
    return "<5" if text == "<5" else int(text.replace(".", ""))


def _read(numbers: list[int | str]) -> list[tuple[int, int]]:
    """The intruder's intervals for numbers stated together: ±2 when all of them are multiples of 5 (read as
    rounded, docs/privacy.md), otherwise exact; "<5" is 1-4."""
    shown = [n for n in numbers if n != "<5"]
    rounded = bool(shown) and all(n % 5 == 0 for n in shown)
    return [(1, 4) if n == "<5" else ((max(n - 2, 0), n + 2) if rounded and n else (n, n)) for n in numbers]


def _behind(at: AppTest, key: str) -> list[int | str]:
    before, _, after = translate(key, "id").partition("{count}")
    return [
        _figure(c.value[len(before) : -len(after)]) for c in at.main.caption if c.value.startswith(before)
    ]


@pytest.mark.parametrize("population", ["sasaran", "semua"])
@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_a_hidden_transition_tile_does_not_come_back_from_its_total(role, population):
    """Perpindahan: four tiles partition the households behind them; a tile of 1-4 reads "<5", and neither the
    other tiles with the stated total (the "Cara hitung" note) nor the Sankey gives it back."""
    state = {"perpindahan_population": population}
    mine, admin = (render("pages/household_transitions.py", r, "99.02", state) for r in (role, "admin"))
    tiles = [_figure(m.value) for m in mine.main.metric]
    truths = [_figure(m.value) for m in admin.main.metric]
    hidden = [i for i, v in enumerate(tiles) if v == "<5"]
    if population == "sasaran":
        assert hidden, "the demo kabupaten has a transition of 1-4 among its targets: nothing to attack"
    totals = set(_behind(mine, "monev.households_behind"))
    for i in hidden:
        for total in totals:
            (tlo, thi), *others = _read([total, *(v for j, v in enumerate(tiles) if j != i)])
            lo, hi = tlo - sum(b for _, b in others), thi - sum(a for a, _ in others)
            assert not recovered(lo, hi, truths[i]), f"tile {i} = {truths[i]} from {total} and {tiles}"
    sankey = next(
        tr
        for c in mine.main.get("plotly_chart")
        for tr in json.loads(c.proto.spec)["data"]
        if tr["type"] == "sankey"
    )
    assert "%{value}" not in sankey["node"].get("hovertemplate", "%{value}"), "a node hover adds up its flows"
    for i in hidden:
        assert sankey["link"]["value"][i] not in range(1, 5), "a hidden flow is drawn at a count's width"


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_households_left_out_of_the_comparison_do_not_come_back(role):
    """Perbandingan: "RT sasaran dibandingkan 227 — dari 230" gives the 3 left out by difference."""
    mine, admin = (render("pages/comparison.py", r, "99.02", {}) for r in (role, "admin"))
    before, _, after = translate("banding.treated_of", "id").partition("{total}")

    def pair(at: AppTest) -> list[int | str]:
        matched = _figure(at.main.metric[2].value)
        of = next(c.value for c in at.main.caption if c.value.startswith(before))
        return [_figure(of[len(before) : len(of) - len(after)]), matched]

    truth = pair(admin)[0] - pair(admin)[1]
    assert 1 <= truth <= 4, "the demo kabupaten leaves 1-4 treated households unmatched: nothing to attack"
    (tlo, thi), (mlo, mhi) = _read(pair(mine))
    assert not recovered(tlo - mhi, thi - mlo, truth), pair(mine)


@pytest.mark.parametrize("role", ["pimpinan", "monev"])
def test_a_cost_per_household_does_not_give_its_count_back(role):
    """Anggaran: realised amount ÷ cost per household (table and export) must give at most the count as shown."""
    mine, admin = (render("pages/budget.py", r, "99.02", {}) for r in (role, "admin"))
    ratios = [
        ("realised_rp", "per_reached_rp", "reached_households_count"),
        ("realised_rp", "per_left_rp", "left_extreme_poverty_count"),
        ("realised_rp", "per_household_rp", "households_reached_count"),
    ]
    hidden = 0
    frames = zip((d.value for d in mine.main.dataframe), (d.value for d in admin.main.dataframe), strict=True)
    for frame, truth in frames:
        for amount, ratio, count in ratios:
            names = [translate(f"anggaran.col.{c}", "id") for c in (amount, ratio, count)]
            if not set(names) <= set(frame.columns):
                continue
            for (_, row), (_, exact) in zip(frame.iterrows(), truth.iterrows(), strict=True):
                shown, true = _figure(str(row[names[2]])), int(exact[names[2]])
                if shown == true or row[names[1]] != row[names[1]]:
                    continue  # shown exactly, or no cost shown
                hidden += 1
                assert round(row[names[0]] / row[names[1]]) != true, f"{row.to_dict()} gives {true} back"
    assert hidden, "no rounded count beside a cost: nothing to attack"
