"""Map classes: quantile classes whose edges never overlap, hidden counts apart from missing data, one palette per
indicator on every map."""

import pandas as pd
import pytest
from conftest import DEMO_ROUNDS
from hypothesis import given
from hypothesis import strategies as st

from sinergi.common.map_classes import (
    INDICATOR_PALETTES,
    NO_DATA_COLOUR,
    PALETTES,
    SUPPRESSED_COLOUR,
    classify,
)
from sinergi.common.suppressed import Count
from sinergi.planning.map_indicators import INDICATORS, Indicator

HIDDEN = Count(3)  # a count of 1-4 as a role without by-name access receives it


def test_counts_get_quantile_classes_that_touch_but_never_overlap():
    classes = classify(range(0, 101), "OrRd")
    assert classes.lows == (0, 20, 40, 60, 80)
    assert classes.highs == (19, 39, 59, 79, 100)
    assert [classes.index(v) for v in (0, 19, 20, 100)] == [0, 0, 1, 4]


def test_suppressed_and_missing_have_their_own_greys_and_legend_rows():
    values = [1, 10, 50, HIDDEN, None, float("nan")]
    classes = classify(values, "OrRd")
    assert classes.colour(HIDDEN) == SUPPRESSED_COLOUR
    assert classes.colour(None) == classes.colour(float("nan")) == NO_DATA_COLOUR
    assert SUPPRESSED_COLOUR != NO_DATA_COLOUR
    rows = classes.legend(str, "Disembunyikan (<5)", "Tidak ada data")
    assert rows[-2:] == [(SUPPRESSED_COLOUR, "Disembunyikan (<5)"), (NO_DATA_COLOUR, "Tidak ada data")]


def test_percentages_step_by_a_tenth():
    classes = classify([0.04, 12.34, 33.3, 47.1, 55.5, 80.0, 99.9], "Blues", 0.1)
    assert all(
        round(high + 0.1, 1) == low for high, low in zip(classes.highs, classes.lows[1:], strict=False)
    )


def test_one_value_is_one_class_in_the_middle_of_the_ramp():
    classes = classify([5, 5, 5], "OrRd")
    assert classes.lows == (5,) and classes.colours == (PALETTES["OrRd"][2],)
    assert classes.legend(lambda v: f"{v:g}", None, None) == [(PALETTES["OrRd"][2], "5")]


def test_every_map_indicator_has_its_own_palette():
    assert set(INDICATOR_PALETTES) == set(INDICATORS)
    assert all(palette in PALETTES for palette in INDICATOR_PALETTES.values())


def test_an_indicators_format_is_the_unit_its_column_ends_with():
    kinds = {key: spec.kind for key, spec in INDICATORS.items()}
    assert kinds["extreme_poor"] == kinds["no_electricity"] == "count"
    assert kinds["stunting"] == kinds["reached_share"] == "pct"
    assert kinds["health_need"] == kinds["target_score"] == "score"
    with pytest.raises(ValueError, match="unit"):
        Indicator("households", "households_total", "semua")


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=300))
def test_every_value_falls_in_exactly_one_class_and_the_darkest_is_the_top(values):
    classes = classify(values, "OrRd")
    for value in values:
        klass = classes.index(value)
        assert classes.lows[klass] <= value <= classes.highs[klass]
    assert classes.colours[-1] == PALETTES["OrRd"][-1] or len(classes.lows) == 1
    assert list(classes.lows) == sorted(set(classes.lows))


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_planner_map_and_briefing_map_draw_the_same_classes(role):
    from sinergi.access.policy import make_viewer, protect_result, query_policy
    from sinergi.briefing.map import map_classes
    from sinergi.data import db
    from sinergi.planning.poverty_map import indicator_classes

    viewer = make_viewer("t", role, "99.02" if role == "pimpinan" else None)
    values = pd.Series(range(0, 60))
    frame = pd.DataFrame({"extreme_poor_households_count": values})
    assert indicator_classes(frame, "extreme_poor") == map_classes(values)
    by_desa, _ = protect_result(
        db.run_query("briefing_extreme_poor_by_desa", region="99.02", **DEMO_ROUNDS),
        viewer,
        query_policy("briefing_extreme_poor_by_desa"),
    )
    assert map_classes(by_desa["observed_extreme_poor_count"]).colours[-1] == PALETTES["OrRd"][-1]


def test_rounded_counts_get_classes_in_steps_of_five():
    # walk1: tamu read "5–6 / 7–10 / 11–15" over desa that only show 5, 10 and 15
    values = [Count(v) for v in (5, 6, 11, 13, 14, 3, 0)]
    classes = classify(values, "OrRd")
    assert all(low % 5 == 0 for low in classes.lows) and all(high % 5 == 0 for high in classes.highs)
    assert classes.legend(lambda v: f"{v:g}", None, None)[-1][1] in {"15", "10–15"}
    assert (
        classify([Count(v, exact=True) for v in (5, 6, 11)], "OrRd").lows == classify([5, 6, 11], "OrRd").lows
    )
