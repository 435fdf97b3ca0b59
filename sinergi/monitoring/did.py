"""Difference-in-differences of the extreme-poor share: treated households against a reweighted comparison group,
with a 95 % interval from a desa-clustered bootstrap (docs/method.md, section "Perbandingan").

Households are grouped into cells that share every baseline covariate (kabupaten, baseline status and decile,
remoteness, household size, head's sex: coarsened exact matching). Within a cell treated and comparison households
started alike, so the comparison's change stands for what the treated would have seen without the MoA. The estimate
is the treated-weighted mean over cells of (treated change - comparison change), in percentage points; cells without
comparison households are left out and counted. The interval resamples whole desa (the unit at which MoAs choose
their targets) within each kabupaten, with a fixed seed, so the same data always give the same interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

COVARIATES = (
    "kabupaten_code",
    "was_extreme_poor",
    "baseline_decile",
    "remoteness_class",
    "size_class",
    "head_sex",
)
REPLICATES = 999
SEED = 20_261_031


@dataclass(frozen=True)
class DidEstimate:
    treated_group: str
    estimate_pp: float | None  # reweighted difference-in-differences, percentage points
    low_pp: float | None  # 95 % interval (2.5th and 97.5th percentiles of the bootstrap)
    high_pp: float | None
    naive_pp: float | None  # the same two groups compared without reweighting
    treated_households: int  # treated households of the region in the sample
    matched_households: int  # of which in a cell with comparison households (the estimate's base)
    comparison_households: int  # comparison households in those cells (the whole kabupaten)
    desa_count: int  # desa with a treated or comparison household in a matched cell
    treated_baseline_pct: float | None  # shares among the matched treated, and the reweighted comparison
    treated_value_pct: float | None
    comparison_baseline_pct: float | None
    comparison_value_pct: float | None


def _empty(treated: str, treated_households: int, naive: float | None) -> DidEstimate:
    return DidEstimate(treated, None, None, None, naive, treated_households, 0, 0, 0, None, None, None, None)


def _cell_sums(codes: np.ndarray, values: np.ndarray, cells: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=cells)


def _att(n_t: np.ndarray, y_t: np.ndarray, n_c: np.ndarray, y_c: np.ndarray) -> np.ndarray:
    """Return the treated-weighted mean of (treated - comparison) mean change over cells with both, per row (pp)."""
    valid = (n_t > 0) & (n_c > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        control_mean = np.where(valid, y_c / np.where(valid, n_c, 1), 0.0)
        weight = np.where(valid, n_t, 0.0).sum(axis=-1)
        effect = (np.where(valid, y_t, 0.0) - np.where(valid, n_t, 0.0) * control_mean).sum(axis=-1)
        return np.where(weight > 0, 100.0 * effect / np.where(weight > 0, weight, 1), np.nan)


def did_estimate(
    frame: pd.DataFrame,
    treated: str = "sasaran",
    comparison: str = "pembanding",
    replicates: int = REPLICATES,
    seed: int = SEED,
) -> DidEstimate:
    """Return the reweighted difference-in-differences of `treated` against `comparison` from did_panel rows.

    frame: one row per desa x group x covariate cell with households_count and extreme_poor_count (at the later
    round), was_extreme_poor (the baseline status of the cell), is_in_region (treated households count only inside
    the region; comparison households come from the whole kabupaten) and the COVARIATES columns.
    """
    f = frame[frame["group_code"].isin([treated, comparison])].copy()
    f = f[(f["group_code"] == comparison) | f["is_in_region"].astype(bool)]
    f["n"] = f["households_count"].astype(float)
    f["y"] = f["extreme_poor_count"].astype(float) - f["n"] * f["was_extreme_poor"].astype(float)
    is_t = (f["group_code"] == treated).to_numpy()
    treated_n = int(f.loc[is_t, "n"].sum())
    naive = None
    if treated_n and f.loc[~is_t, "n"].sum():
        naive = 100.0 * (
            f.loc[is_t, "y"].sum() / f.loc[is_t, "n"].sum()
            - f.loc[~is_t, "y"].sum() / f.loc[~is_t, "n"].sum()
        )
    cell = pd.MultiIndex.from_frame(f[list(COVARIATES)].astype(str)).factorize()[0]
    has_t = np.zeros(cell.max() + 1 if len(cell) else 0, dtype=bool)
    has_c = has_t.copy()
    has_t[cell[is_t]] = True
    has_c[cell[~is_t]] = True
    matched_cells = has_t & has_c
    keep = matched_cells[cell] if len(cell) else np.zeros(0, dtype=bool)
    if not keep.any():
        return _empty(treated, treated_n, naive)
    f, cell, is_t = f[keep], pd.factorize(cell[keep])[0], is_t[keep]
    cells = cell.max() + 1
    n_t = _cell_sums(cell[is_t], f["n"].to_numpy()[is_t], cells)
    y_t = _cell_sums(cell[is_t], f["y"].to_numpy()[is_t], cells)
    n_c = _cell_sums(cell[~is_t], f["n"].to_numpy()[~is_t], cells)
    y_c = _cell_sums(cell[~is_t], f["y"].to_numpy()[~is_t], cells)
    estimate = float(_att(n_t, y_t, n_c, y_c))
    low, high = _bootstrap_interval(f, cell, is_t, cells, replicates, seed)
    was = _cell_sums(cell, f["was_extreme_poor"].astype(float).to_numpy(), cells) > 0
    poor_t = _cell_sums(cell[is_t], f["extreme_poor_count"].to_numpy(dtype=float)[is_t], cells)
    poor_c = _cell_sums(cell[~is_t], f["extreme_poor_count"].to_numpy(dtype=float)[~is_t], cells)
    matched = n_t.sum()
    return DidEstimate(
        treated_group=treated,
        estimate_pp=estimate,
        low_pp=low,
        high_pp=high,
        naive_pp=naive,
        treated_households=treated_n,
        matched_households=int(matched),
        comparison_households=int(n_c.sum()),
        desa_count=int(f["desa_code"].nunique()),
        treated_baseline_pct=100.0 * float((n_t * was).sum()) / matched,
        treated_value_pct=100.0 * float(poor_t.sum()) / matched,
        comparison_baseline_pct=100.0 * float((n_t * was).sum()) / matched,
        comparison_value_pct=100.0 * float((n_t * poor_c / n_c).sum()) / matched,
    )


def _bootstrap_interval(
    f: pd.DataFrame, cell: np.ndarray, is_t: np.ndarray, cells: int, replicates: int, seed: int
) -> tuple[float | None, float | None]:
    """Return the 2.5th and 97.5th percentiles of the estimate over desa resampled within each kabupaten."""
    if replicates <= 0:
        return None, None
    desa, desa_index = np.unique(f["desa_code"].to_numpy(dtype=str), return_inverse=True)
    kabupaten = pd.Series(f["kabupaten_code"].to_numpy(dtype=str), index=desa_index).groupby(level=0).first()
    rng = np.random.default_rng(seed)
    draws = np.zeros((replicates, len(desa)))
    for kab in sorted(set(kabupaten)):
        members = kabupaten.index[kabupaten == kab].to_numpy()
        draws[:, members] = rng.multinomial(len(members), np.full(len(members), 1 / len(members)), replicates)
    parts = []
    for mask, column in [(is_t, "n"), (is_t, "y"), (~is_t, "n"), (~is_t, "y")]:
        matrix = np.zeros((len(desa), cells))
        np.add.at(matrix, (desa_index[mask], cell[mask]), f[column].to_numpy()[mask])
        parts.append(draws @ matrix)
    estimates = _att(*parts)
    estimates = estimates[np.isfinite(estimates)]
    if not len(estimates):
        return None, None
    low, high = np.percentile(estimates, [2.5, 97.5])
    return float(low), float(high)


def did_by_kabupaten(frame: pd.DataFrame, treated: str = "sasaran") -> pd.DataFrame:
    """Return the point estimate (no interval) per kabupaten, with its households, for the detail table."""
    rows = []
    for kab, part in frame.groupby("kabupaten_code", sort=True):
        e = did_estimate(part, treated, replicates=0)
        rows.append(
            {
                "kabupaten_code": kab,
                "estimate_pp": e.estimate_pp,
                "naive_pp": e.naive_pp,
                "treated_households": e.treated_households,
                "matched_households": e.matched_households,
                "comparison_households": e.comparison_households,
            }
        )
    return pd.DataFrame(rows)
