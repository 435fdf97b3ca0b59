"""The difference-in-differences estimator on a synthetic panel with a known effect and a known confounder: the
naive comparison is biased, the reweighted estimate lands on the effect and its interval covers it."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from sinergi.data import db
from sinergi.monitoring.did import (
    COVARIATES,
    REPLICATES,
    SEED,
    _replicates,
    _rows,
    did_by_kabupaten,
    did_estimate,
)

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


def test_a_tiny_case_draws_desa_with_the_bootstrap_chances():
    """One kabupaten of two desa, one cell: resampling the two desa gives A twice (chance 1/4), A and B (1/2) or
    B twice (1/4). In A the treated household left extreme poverty and the comparison one stayed; in B the other
    way round: the estimates are -100, 0 and +100 points, and the interval runs from -100 to +100."""
    rows = [("A", "sasaran", 0), ("A", "pembanding", 1), ("B", "sasaran", 1), ("B", "pembanding", 0)]
    panel = pd.DataFrame(
        {
            "desa_code": [f"98.01.01.{d}" for d, _, _ in rows],
            "kabupaten_code": "98.01",
            "is_in_region": True,
            "group_code": [g for _, g, _ in rows],
            "was_extreme_poor": True,
            "baseline_decile": 1,
            "remoteness_class": "<15",
            "size_class": "4-5",
            "head_sex": "PEREMPUAN",
            "households_count": 1,
            "extreme_poor_count": [p for _, _, p in rows],
        }
    )
    result = did_estimate(panel)
    assert (result.estimate_pp, result.low_pp, result.high_pp) == (0.0, -100.0, 100.0)
    encoded = _rows(panel, "sasaran", "pembanding")
    estimates = _replicates(encoded, encoded.cell, 999, SEED)
    shares = [np.mean(estimates == v) for v in (-100.0, 0.0, 100.0)]
    assert shares == pytest.approx([0.25, 0.5, 0.25], abs=0.06)  # 4 standard errors of 999 draws
    assert did_estimate(panel, replicates=999, seed=SEED) == result  # the same seed, the same interval


def dense_bootstrap(
    frame: pd.DataFrame, treated: str, replicates: int = REPLICATES
) -> tuple[float, float, float]:
    """The estimator before the kabupaten blocks (numpy multinomial draws, one dense desa x cell product): the
    point estimate and the 2.5th and 97.5th percentiles."""
    f = frame[frame["group_code"].isin([treated, "pembanding"])]
    f = f[(f["group_code"] == "pembanding") | f["is_in_region"]].copy()
    f["n"] = f["households_count"].astype(float)
    f["y"] = f["extreme_poor_count"] - f["n"] * f["was_extreme_poor"].astype(float)
    cell = pd.MultiIndex.from_frame(f[list(COVARIATES)].astype(str)).factorize()[0]
    is_t = (f["group_code"] == treated).to_numpy()
    both = np.intersect1d(cell[is_t], cell[~is_t])
    keep = np.isin(cell, both)
    f, cell, is_t = f[keep], pd.factorize(cell[keep])[0], is_t[keep]
    desa, desa_index = np.unique(f["desa_code"].to_numpy(dtype=str), return_inverse=True)
    kabupaten = pd.Series(f["kabupaten_code"].to_numpy(dtype=str), index=desa_index).groupby(level=0).first()
    rng = np.random.default_rng(SEED)
    draws = np.zeros((replicates, len(desa)))
    for kab in sorted(set(kabupaten)):
        members = kabupaten.index[kabupaten == kab].to_numpy()
        draws[:, members] = rng.multinomial(len(members), np.full(len(members), 1 / len(members)), replicates)
    parts, point = [], []
    for mask, column in [(is_t, "n"), (is_t, "y"), (~is_t, "n"), (~is_t, "y")]:
        matrix = np.zeros((len(desa), cell.max() + 1))
        np.add.at(matrix, (desa_index[mask], cell[mask]), f[column].to_numpy()[mask])
        parts.append(draws @ matrix)
        point.append(matrix.sum(axis=0))

    def att(n_t: np.ndarray, y_t: np.ndarray, n_c: np.ndarray, y_c: np.ndarray) -> np.ndarray:
        both = (n_t > 0) & (
            n_c > 0
        )  # a replicate may draw no desa with a cell's treated or comparison households
        effect = np.where(both, y_t - n_t * y_c / np.where(both, n_c, 1), 0).sum(axis=-1)
        with np.errstate(invalid="ignore"):  # a replicate with no cell left: NaN, dropped
            return 100 * effect / np.where(both, n_t, 0).sum(axis=-1)

    estimates = att(*parts)
    low, high = np.percentile(estimates[np.isfinite(estimates)], [2.5, 97.5])
    return float(att(*point)), low, high


@pytest.mark.parametrize("region", ["99", "99.02"])
def test_the_interval_agrees_with_the_dense_bootstrap_on_the_demo(region):
    """The desa draws changed (uniform picks counted per kabupaten, not numpy's multinomial) and so the random
    numbers: the estimate is the same, each end of the interval lies within the Monte Carlo error of the old one
    (the standard error of a 2.5 % quantile of 999 replicates is about 0.09 standard deviations of the bootstrap
    distribution, ~0.02 of the interval's width; the bound is 0.12 of the width, beyond 4 standard errors of a
    difference of two such ends)."""
    panel = db.run_query(
        "did_panel", region=region, baseline_round_id=1, round_id=2, as_of=date(2026, 10, 31)
    )
    for frame in (panel, synthetic_panel()):
        for treated in ("sasaran", "plasebo"):
            estimate, low, high = dense_bootstrap(frame, treated)
            got = did_estimate(frame, treated)
            assert got.estimate_pp == pytest.approx(estimate, abs=1e-9)
            assert got.low_pp == pytest.approx(low, abs=0.12 * (high - low))
            assert got.high_pp == pytest.approx(high, abs=0.12 * (high - low))
