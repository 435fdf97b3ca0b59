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


@dataclass(frozen=True)
class _Rows:
    """The did_panel rows of one comparison (treated inside the region, comparison anywhere), as arrays."""

    is_t: np.ndarray  # treated (else comparison)
    n: np.ndarray  # households
    y: np.ndarray  # change in extreme-poor households from the baseline (the outcome is 0/1)
    poor: np.ndarray  # extreme poor at the later round
    was: np.ndarray  # the cell was extreme poor at baseline
    cell: (
        np.ndarray
    )  # covariate cell, numbered in order of first appearance (as a factorized MultiIndex would be)
    desa: np.ndarray
    kabupaten: np.ndarray

    def take(self, mask: np.ndarray) -> _Rows:
        return _Rows(*(getattr(self, name)[mask] for name in self.__dataclass_fields__))


def _rows(frame: pd.DataFrame, treated: str, comparison: str) -> _Rows:
    """Select and encode the rows of `treated` against `comparison` once (pandas per call was most of the cost)."""
    group = frame["group_code"].to_numpy(dtype=object)
    is_t = group == treated
    mask = (group == comparison) | (is_t & frame["is_in_region"].to_numpy(dtype=bool))

    def column(name: str, dtype: object = None) -> np.ndarray:
        # numpy first, then the rows: taking rows of the frame copies every (Arrow string) column
        return frame[name].to_numpy(dtype=dtype)[mask]

    # one code per distinct covariate tuple: each column factorized (missing values a code of their own), the
    # codes combined in mixed radix, then numbered in order of first appearance
    codes = [pd.factorize(column(c), use_na_sentinel=False)[0] for c in COVARIATES]
    dims = tuple(int(c.max()) + 1 if len(c) else 1 for c in codes)
    key = np.ravel_multi_index(codes, dims) if mask.any() else np.zeros(0, dtype=np.int64)
    n = column("households_count", float)
    was = column("was_extreme_poor", float)
    poor = column("extreme_poor_count", float)
    return _Rows(
        is_t=is_t[mask],
        n=n,
        y=poor - n * was,
        poor=poor,
        was=was,
        cell=pd.factorize(key)[0],
        desa=column("desa_code", str),
        kabupaten=column("kabupaten_code", str),
    )


def _cell_sums(codes: np.ndarray, values: np.ndarray, cells: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=cells)


def _effect_weight(
    n_t: np.ndarray, y_t: np.ndarray, n_c: np.ndarray, y_c: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the sums over cells with both groups (last axis) of the treated change net of the comparison's mean
    change, and of the treated households: the numerator and weight of _att, which add up over sets of cells."""
    valid = (n_t > 0) & (n_c > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        control_mean = np.where(valid, y_c / np.where(valid, n_c, 1), 0.0)
        weight = np.where(valid, n_t, 0.0).sum(axis=-1)
        effect = (np.where(valid, y_t, 0.0) - np.where(valid, n_t, 0.0) * control_mean).sum(axis=-1)
    return effect, weight


def _att(n_t: np.ndarray, y_t: np.ndarray, n_c: np.ndarray, y_c: np.ndarray) -> np.ndarray:
    """Return the treated-weighted mean of (treated - comparison) mean change over cells with both, per row (pp)."""
    return _ratio(*_effect_weight(n_t, y_t, n_c, y_c))


def _ratio(effect: np.ndarray, weight: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
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
    return _estimate(_rows(frame, treated, comparison), treated, replicates, seed)


def _estimate(r: _Rows, treated: str, replicates: int, seed: int) -> DidEstimate:
    is_t = r.is_t
    treated_n = int(r.n[is_t].sum())
    naive = None
    if treated_n and r.n[~is_t].sum():
        naive = 100.0 * (r.y[is_t].sum() / r.n[is_t].sum() - r.y[~is_t].sum() / r.n[~is_t].sum())
    cell = r.cell
    has_t = np.zeros(cell.max() + 1 if len(cell) else 0, dtype=bool)
    has_c = has_t.copy()
    has_t[cell[is_t]] = True
    has_c[cell[~is_t]] = True
    matched_cells = has_t & has_c
    keep = matched_cells[cell] if len(cell) else np.zeros(0, dtype=bool)
    if not keep.any():
        return _empty(treated, treated_n, naive)
    r = r.take(keep)
    cell, is_t = pd.factorize(cell[keep])[0], r.is_t
    cells = cell.max() + 1
    n_t = _cell_sums(cell[is_t], r.n[is_t], cells)
    y_t = _cell_sums(cell[is_t], r.y[is_t], cells)
    n_c = _cell_sums(cell[~is_t], r.n[~is_t], cells)
    y_c = _cell_sums(cell[~is_t], r.y[~is_t], cells)
    estimate = float(_att(n_t, y_t, n_c, y_c))
    low, high = _bootstrap_interval(r, cell, replicates, seed)
    was = _cell_sums(cell, r.was, cells) > 0
    poor_t = _cell_sums(cell[is_t], r.poor[is_t], cells)
    poor_c = _cell_sums(cell[~is_t], r.poor[~is_t], cells)
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
        desa_count=len(np.unique(r.desa)),
        treated_baseline_pct=100.0 * float((n_t * was).sum()) / matched,
        treated_value_pct=100.0 * float(poor_t.sum()) / matched,
        comparison_baseline_pct=100.0 * float((n_t * was).sum()) / matched,
        comparison_value_pct=100.0 * float((n_t * poor_c / n_c).sum()) / matched,
    )


def _bootstrap_interval(
    r: _Rows, cell: np.ndarray, replicates: int, seed: int
) -> tuple[float | None, float | None]:
    """Return the 2.5th and 97.5th percentiles of the estimate over desa resampled within each kabupaten."""
    if replicates <= 0:
        return None, None
    estimates = _replicates(r, cell, replicates, seed)
    estimates = estimates[np.isfinite(estimates)]
    if not len(estimates):
        return None, None
    low, high = np.percentile(estimates, [2.5, 97.5])
    return float(low), float(high)


def _replicates(r: _Rows, cell: np.ndarray, replicates: int, seed: int) -> np.ndarray:
    """Return the estimate of each bootstrap replicate (NaN where no cell keeps both groups).

    Each replicate draws, in every kabupaten of m desa, m desa uniformly with replacement; a replicate's cell sums
    are then the desa's counts weighted by how often each was drawn. Cells lie inside one kabupaten (a covariate),
    so the sums, and the estimate's numerator and weight, are computed kabupaten by kabupaten and added up.
    """
    desa, desa_index = np.unique(r.desa, return_inverse=True)
    kabupaten = np.empty(len(desa), dtype=object)
    kabupaten[desa_index] = r.kabupaten
    row_kabupaten = kabupaten[desa_index]
    rng = np.random.default_rng(seed)
    effect, weight = np.zeros(replicates), np.zeros(replicates)
    for kab in sorted(set(kabupaten)):
        members = np.flatnonzero(kabupaten == kab)
        m = len(members)
        # how often each desa is drawn: the counts of m uniform draws (a multinomial with equal chances)
        drawn = rng.integers(0, m, size=(replicates, m)) + (np.arange(replicates) * m)[:, None]
        times = np.bincount(drawn.ravel(), minlength=replicates * m).reshape(replicates, m).astype(float)
        rows = np.flatnonzero(row_kabupaten == kab)
        local_cells, local_cell = np.unique(cell[rows], return_inverse=True)
        c = len(local_cells)
        local_desa = np.searchsorted(members, desa_index[rows])
        # per desa, four blocks of cell sums side by side: treated n, treated y, comparison n, comparison y
        part = np.where(r.is_t[rows], 0, 2)
        at = local_desa * 4 * c + local_cell
        sums = np.bincount(at + part * c, r.n[rows], minlength=m * 4 * c)
        sums += np.bincount(at + (part + 1) * c, r.y[rows], minlength=m * 4 * c)
        n_t, y_t, n_c, y_c = (
            _product(times, sums.reshape(m, 4 * c)).reshape(replicates, 4, c).transpose(1, 0, 2)
        )
        e, w = _effect_weight(n_t, y_t, n_c, y_c)
        effect += e
        weight += w
    return _ratio(effect, weight)


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return a @ b in slices of a's rows small enough for OpenBLAS to use one thread (m*n*k <= 2**18): above it,
    worker threads start and spin between calls, costing a shared 2-core server several times the product itself
    (measured: 20 kabupaten products, 21 ms CPU sliced, 70-130 ms whole)."""
    out = np.empty((a.shape[0], b.shape[1]))
    step = max(1, 2**18 // max(1, b.shape[0] * b.shape[1]))
    for start in range(0, a.shape[0], step):
        np.matmul(a[start : start + step], b, out=out[start : start + step])
    return out


def did_by_kabupaten(frame: pd.DataFrame, treated: str = "sasaran") -> pd.DataFrame:
    """Return the point estimate (no interval) per kabupaten, with its households, for the detail table."""
    encoded = _rows(frame, treated, "pembanding")
    rows = []
    for kab in sorted(frame["kabupaten_code"].dropna().unique()):
        e = _estimate(encoded.take(encoded.kabupaten == kab), treated, 0, SEED)
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
