"""The difference-in-differences estimator on a synthetic panel with a known effect and a known confounder: the
naive comparison is biased, the reweighted estimate lands on the effect and its interval covers it."""

import numpy as np
import pandas as pd
import pytest

from sinergi.monitoring.did import did_by_kabupaten, did_estimate

EFFECT_PP = -20.0  # the MoA lowers the chance of still being extreme poor at the round by 20 points


def synthetic_panel(seed: int = 7) -> pd.DataFrame:
    """Households of 2 kabupaten x 60 desa in did_panel's shape, one row each.

    Confounders: remote desa have more extreme-poor households, the MoAs pick remote desa and poor households, and
    in remote desa fewer households leave extreme poverty; the comparison group also holds households that were
    not poor at baseline, some of whom fall in (regression to the mean in reverse). Desa shocks make households of
    one desa move together. Only treated households that were poor at baseline get the effect.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for kab in ("98.01", "98.02"):
        for d in range(60):
            desa = f"{kab}.01.{2001 + d}"
            remote = rng.random() < 0.5
            shock = rng.uniform(-0.08, 0.08)
            n = 80
            poor = rng.random(n) < (0.85 if remote else 0.5)
            treat_p = np.where(poor, 0.45 if remote else 0.15, 0.0)
            u = rng.random(n)
            group = np.where(
                u < treat_p, "sasaran", np.where(u < treat_p + 0.04 * poor, "plasebo", "pembanding")
            )
            stay = np.where(poor, (0.80 if remote else 0.55) + shock, (0.15 if remote else 0.05) + shock / 4)
            stay = stay + np.where(group == "sasaran", EFFECT_PP / 100, 0.0)
            rows.append(
                pd.DataFrame(
                    {
                        "desa_code": desa,
                        "kabupaten_code": kab,
                        "is_in_region": True,
                        "group_code": group,
                        "was_extreme_poor": poor,
                        "baseline_decile": np.where(poor, 1, 2),
                        "remoteness_class": "25+" if remote else "<15",
                        "size_class": rng.choice(["1-3", "4-5", "6+"], n),
                        "head_sex": rng.choice(["LAKI-LAKI", "PEREMPUAN"], n),
                        "households_count": 1,
                        "extreme_poor_count": (rng.random(n) < np.clip(stay, 0, 1)).astype(int),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def test_the_naive_comparison_is_biased_and_the_reweighted_one_is_not():
    panel = synthetic_panel()
    result = did_estimate(panel)
    assert abs(result.naive_pp - EFFECT_PP) > 8  # regression to the mean and remoteness, not the MoA
    assert abs(result.estimate_pp - EFFECT_PP) < 3
    assert result.low_pp < EFFECT_PP < result.high_pp
    assert result.high_pp - result.low_pp < 10
    assert result.matched_households == result.treated_households > 1000
    assert result.desa_count == 120


def test_the_placebo_shows_no_effect():
    placebo = did_estimate(synthetic_panel(), treated="plasebo")
    assert abs(placebo.naive_pp) > 5  # the naive placebo shows an "effect" where there is none
    assert placebo.low_pp < 0 < placebo.high_pp


def test_same_data_same_interval_and_reweighted_shares_start_equal():
    panel = synthetic_panel()
    a, b = did_estimate(panel), did_estimate(panel.sample(frac=1, random_state=3))
    assert (a.estimate_pp, a.low_pp, a.high_pp) == pytest.approx((b.estimate_pp, b.low_pp, b.high_pp))
    assert a.treated_baseline_pct == a.comparison_baseline_pct
    assert a.treated_value_pct - a.comparison_value_pct == pytest.approx(a.estimate_pp)


def test_only_treated_inside_the_region_count_and_cells_without_comparison_are_left_out():
    panel = synthetic_panel()
    outside = panel["kabupaten_code"] == "98.02"
    panel.loc[outside & (panel["group_code"] == "sasaran"), "is_in_region"] = False
    lonely = panel.iloc[[0]].assign(group_code="sasaran", head_sex="X", is_in_region=True)
    result = did_estimate(pd.concat([panel, lonely]), replicates=0)
    assert result.treated_households == (~outside & (panel["group_code"] == "sasaran")).sum() + 1
    assert result.matched_households == result.treated_households - 1
    assert result.low_pp is None  # no replicates asked


def test_no_treated_households_give_no_estimate_and_kabupaten_table():
    panel = synthetic_panel()
    assert did_estimate(panel[panel["group_code"] != "sasaran"]).estimate_pp is None
    table = did_by_kabupaten(panel)
    assert table["kabupaten_code"].tolist() == ["98.01", "98.02"]
    assert table["estimate_pp"].between(EFFECT_PP - 6, EFFECT_PP + 6).all()
