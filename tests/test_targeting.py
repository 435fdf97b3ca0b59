"""Target-location score: a hand-computed example, weight monotonicity, covered locations rank lower."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.planning.targeting import COMPONENTS, normalise, score_locations


def _frame(rows):
    base = {
        "desa_code": "x",
        "extreme_poor_households_count": 0,
        "extreme_poor_share_pct": 0.0,
        "food_potential_score": 50.0,
        "energy_ease_score": 50.0,
        "health_need_score": 50.0,
        "umkm_marketing_score": 50.0,
        "port_km": 10.0,
        "market_km": 10.0,
        "city_km": 10.0,
        "coverage_pct": 0.0,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_score_equals_hand_computed_example():
    df = _frame(
        [
            {"desa_code": "A", "extreme_poor_households_count": 100, "extreme_poor_share_pct": 10.0,
             "food_potential_score": 80.0, "port_km": 3, "market_km": 3, "city_km": 3, "coverage_pct": 0.0},
            {"desa_code": "B", "extreme_poor_households_count": 50, "extreme_poor_share_pct": 20.0,
             "food_potential_score": 60.0, "port_km": 9, "market_km": 9, "city_km": 9, "coverage_pct": 50.0},
            {"desa_code": "C", "extreme_poor_households_count": 0, "extreme_poor_share_pct": 0.0,
             "food_potential_score": 40.0, "port_km": 6, "market_km": 6, "city_km": 6, "coverage_pct": 100.0},
        ]
    )  # fmt: skip
    weights = {"miskin": 3, "porsi": 2, "potensi": 2, "akses": 1, "belum": 2}
    got = score_locations(df, weights, "pangan").set_index("desa_code")
    # A: miskin 1, porsi 0.5, potensi 1, akses 1, belum 1   -> (3 + 1 + 2 + 1 + 2) / 10 = 0.9
    # B: miskin 0.5, porsi 1, potensi 0.5, akses 0, belum 0.5 -> (1.5 + 2 + 1 + 0 + 1) / 10 = 0.55
    # C: miskin 0, porsi 0, potensi 0, akses 0.5, belum 0   -> 0.5 / 10 = 0.05
    assert got.loc["A", "score"] == pytest.approx(90.0)
    assert got.loc["B", "score"] == pytest.approx(55.0)
    assert got.loc["C", "score"] == pytest.approx(5.0)
    assert list(got["rank"]) == [1, 2, 3]


def test_covered_location_ranks_below_an_identical_uncovered_one():
    df = _frame(
        [
            {"desa_code": "covered", "extreme_poor_households_count": 40, "coverage_pct": 100.0},
            {"desa_code": "open", "extreme_poor_households_count": 40, "coverage_pct": 0.0},
            {"desa_code": "other", "extreme_poor_households_count": 10, "coverage_pct": 0.0},
        ]
    )
    got = score_locations(df, {"miskin": 1, "belum": 1}).set_index("desa_code")
    assert got.loc["open", "rank"] < got.loc["covered", "rank"]


def test_equal_values_normalise_to_zero_and_bad_weights_raise():
    assert list(normalise(pd.Series([5.0, 5.0]))) == [0.0, 0.0]
    with pytest.raises(ValueError):
        score_locations(_frame([{}]), {"miskin": 0})
    with pytest.raises(ValueError):
        score_locations(_frame([{}]), {"unknown": 1})


_row = st.fixed_dictionaries(
    {
        "extreme_poor_households_count": st.integers(0, 500),
        "extreme_poor_share_pct": st.floats(0, 100),
        "food_potential_score": st.floats(0, 100),
        "port_km": st.floats(0, 80),
        "market_km": st.floats(0, 80),
        "city_km": st.floats(0, 80),
        "coverage_pct": st.floats(0, 100),
    }
)
_weights = st.fixed_dictionaries({c: st.floats(0, 5) for c in COMPONENTS}).filter(
    lambda w: sum(w.values()) > 0.1
)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_row, min_size=2, max_size=12), weights=_weights, component=st.sampled_from(COMPONENTS),
       extra=st.floats(0.1, 5))  # fmt: skip
def test_raising_a_weight_never_lowers_the_rank_of_the_best_location(rows, weights, component, extra):
    df = _frame([{**r, "desa_code": f"D{i:02d}"} for i, r in enumerate(rows)])
    before = score_locations(df, weights, "pangan")
    best = before.loc[before[f"n_{component}"].idxmax(), "desa_code"]
    after = score_locations(df, {**weights, component: weights[component] + extra}, "pangan")
    rank_before = before.set_index("desa_code").loc[best, "rank"]
    rank_after = after.set_index("desa_code").loc[best, "rank"]
    assert rank_after <= rank_before


def test_formula_speaks_the_reader_language():
    from sinergi.planning.targeting import formula_latex

    assert r"\text{miskin}" in formula_latex("id") and r"\text{poor}" in formula_latex("en")
    assert r"\text{miskin}" not in formula_latex("en")
