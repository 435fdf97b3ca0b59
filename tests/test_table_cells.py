"""What styled() sends the browser for cells a reader sorts or reads: protected shares and counts with "<5" cells sort
by what is shown (not as text, "10 %" before "5 %"), a date stored as text with gaps is written as a date, booleans
read as words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sinergi.common.amounts import amount_cells
from sinergi.common.display import HIDDEN_SORT, WITHHELD_SORT, styled
from sinergi.common.fmt import fmt_date
from sinergi.common.i18n import translate
from sinergi.common.suppressed import Count, breakdown_share, protected_share, share_cells


def _written(styler) -> pd.DataFrame:
    """Return the text a reader sees in each cell (what Streamlit sends as display values)."""
    body = styler._translate()["body"]
    return pd.DataFrame([[c["display_value"] for c in row] for row in body], columns=styler.data.columns)


# part, whole: 1/50 withheld (the part reads "<5"), 49/50 withheld (the rest does), 45/50 -> 90, 5/50 -> 10,
# 30/50 -> 60, 50/50 -> 100, 0/50 -> 0
PAIRS = [(1, 50), (49, 50), (45, 50), (5, 50), (30, 50), (50, 50), (0, 50)]


def _shares(exact: bool = False) -> pd.DataFrame:
    index = pd.RangeIndex(len(PAIRS))
    values = [protected_share(Count(p, exact), Count(w, exact)) for p, w in PAIRS]
    return pd.DataFrame({"desa_name": [f"D{i}" for i in index], "porsi_pct": share_cells(values, index)})


@pytest.mark.parametrize("lang", ["id", "en"])
def test_protected_shares_sort_as_the_numbers_shown_and_read_as_words(lang):
    styler = styled(_shares(), lang)
    sent = styler.data["porsi_pct"]
    assert sent.dtype == "float64"  # a number column: the browser sorts it by number, not as text
    shown = [breakdown_share(Count(p), Count(w)) for p, w in PAIRS]
    # what the browser holds: the share shown, a withheld one below 0; never the exact share (1/50 = 2 %)
    assert list(sent) == [WITHHELD_SORT if s is None else s for s in shown]
    written = _written(styler)["porsi_pct"]
    withheld = translate("privacy.withheld", lang)
    by_number = written[sent.sort_values(kind="stable").index].tolist()
    percent = " %" if lang == "id" else "%"
    assert by_number == [withheld, withheld] + [f"{n}{percent}" for n in (0, 10, 60, 90, 100)]
    # sorted as text, as the browser sorted the words before: "10 %" came before "5 %"
    assert sorted(["5 %", "10 %"]) == ["10 %", "5 %"]


def test_a_row_with_no_share_reads_a_dash_and_a_callers_format_gets_the_share_cell():
    frame = _shares()
    frame.loc[len(frame)] = ["D9", None]  # a row a merge did not find
    styler = styled(frame, "id", formats={"porsi_pct": lambda v: f"~{v}" if not math.isnan(v) else "?"})
    assert math.isnan(styler.data["porsi_pct"].iloc[-1])
    assert _written(styler)["porsi_pct"].tolist() == ["?", "?", "~90", "~10", "~60", "~100", "~0", "–"]


def test_exact_shares_stay_exact():
    styler = styled(_shares(exact=True), "id")
    assert styler.data["porsi_pct"].tolist()[:2] == [2.0, 98.0]
    assert _written(styler)["porsi_pct"].tolist()[:2] == ["2,0 %", "98,0 %"]


def test_a_date_stored_as_text_with_gaps_is_written_as_a_date():
    frame = pd.DataFrame({"signed_on": ["2024-01-02", None, "belum"], "n_count": [1, 2, 3]})
    written = _written(styled(frame, "id"))["signed_on"].tolist()
    assert written == ["2 Januari 2024", "–", "belum"]  # text that is no date stays as it is


def test_a_date_format_never_meets_the_dash_of_a_missing_cell():
    frame = pd.DataFrame({"started_on": ["2024-01-02", None]})
    written = _written(styled(frame, "en", formats={"started_on": lambda v: fmt_date(v, "en")}))
    assert written["started_on"].tolist() == ["2 January 2024", "–"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_booleans_are_sent_as_words_not_checkboxes(lang):
    frame = pd.DataFrame({"is_active_moa_target": [True, False, None], "has_x": [True, False, True]})
    styler = styled(frame.astype({"has_x": bool}), lang)
    yes, no = translate("common.yes", lang), translate("common.no", lang)
    # Streamlit draws a boolean column as checkboxes whatever the Styler writes: the data must be words
    assert styler.data["is_active_moa_target"].tolist() == [yes, no, "–"]
    assert styler.data["has_x"].tolist() == [yes, no, yes]
    assert _written(styler)["is_active_moa_target"].tolist() == [yes, no, "–"]


def test_a_count_column_with_hidden_cells_sorts_as_numbers_hidden_between_0_and_5():
    counts = pd.Series([Count(1234), Count(3), Count(12), Count(0), Count(2), None], dtype=object)
    styler = styled(pd.DataFrame({"households_count": counts}), "id")
    sent = styler.data["households_count"]
    assert sent.dtype == "float64"  # was text: "1.235" < "10" < "5" < "<5"
    # every "<5" holds the same number, not its true value (3 and 2 alike); a missing cell stays empty
    assert sent.tolist()[:5] == [1235.0, HIDDEN_SORT, 10.0, 0.0, HIDDEN_SORT] and math.isnan(sent.iloc[5])
    written = _written(styler)["households_count"]
    assert written[sent.sort_values(kind="stable").index].tolist() == ["0", "<5", "<5", "10", "1.235", "–"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_rupiah_column_with_withheld_amounts_sorts_by_amount_and_reads_as_rupiah(lang):
    counts = [Count(40), Count(2), Count(7), Count(25), None]
    amounts = [36_000_000.0, 1_800_000.0, 9_000_000.0, 10_000_000.0, None]
    frame = pd.DataFrame({"amount_rp": amount_cells(pd.Series(amounts), pd.Series(counts, dtype=object))})
    styler = styled(frame, lang)
    sent = styler.data["amount_rp"]
    # was text once one cell was withheld: "Rp 10.000.000" sorted before "Rp 9.000.000"
    assert sent.dtype == "float64"
    # the amount for the count as shown (7 reads 5: 9.000.000 x 5/7, two digits); withheld below 0, like a share
    assert sent.tolist()[:4] == [36_000_000.0, WITHHELD_SORT, 6_400_000.0, 10_000_000.0]
    assert math.isnan(sent.iloc[4])
    written = _written(styler)["amount_rp"]
    rp = "Rp " if lang == "id" else "IDR "
    sep = "." if lang == "id" else ","
    by_amount = written[sent.sort_values(kind="stable").index].tolist()
    assert by_amount == [
        translate("privacy.withheld", lang),
        f"{rp}6{sep}400{sep}000",
        f"{rp}10{sep}000{sep}000",
        f"{rp}36{sep}000{sep}000",
        "–",
    ]
