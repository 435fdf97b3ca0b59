"""Headline figures of the Beranda page, derived from the overview queries."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sinergi.common.suppressed import Count, true_share

# Headline counts are protected Counts (sinergi.common.suppressed): pages show them with fmt_total, exact or "<5".
Number = int | Count


def _ratio(part: object, whole: object) -> float | None:
    return true_share(part, whole)


def _count(value: object) -> Number:
    return value if isinstance(value, Count) else int(value)


@dataclass(frozen=True)
class Headline:
    extreme_poor_households: Number
    extreme_poor_people: Number
    extreme_poor_share_pct: float | None  # of all households in the region (demography)
    verified_targets: Number
    verified_targets_reached: Number
    verified_targets_reached_pct: float | None
    observed_extreme_poor: Number
    baseline_extreme_poor: Number
    observed_change_pct: float | None  # change of the observed count since the baseline round
    active_moa: int
    ending_soon_moa: int
    ended_undecided_moa: int
    budget_year: int | None
    budget_allocated_rp: float
    budget_realised_rp: float
    budget_realised_pct: float | None


def headline(households: pd.DataFrame, moa: pd.DataFrame, budget: pd.DataFrame) -> Headline:
    """Return the Beranda figures from the one-row results of overview_households and overview_moa and the
    per-year overview_budget; the budget figures are for the latest year."""
    h = households.iloc[0]
    m = moa.iloc[0]
    latest = budget.iloc[-1] if len(budget) else None
    baseline = _count(h["baseline_extreme_poor_count"])
    observed = _count(h["observed_extreme_poor_count"])
    return Headline(
        extreme_poor_households=_count(h["extreme_poor_households_count"]),
        extreme_poor_people=_count(h["extreme_poor_people_count"]),
        extreme_poor_share_pct=_ratio(h["extreme_poor_households_count"], h["all_households_count"]),
        verified_targets=_count(h["verified_targets_count"]),
        verified_targets_reached=_count(h["verified_targets_reached_count"]),
        verified_targets_reached_pct=_ratio(h["verified_targets_reached_count"], h["verified_targets_count"]),
        observed_extreme_poor=observed,
        baseline_extreme_poor=baseline,
        observed_change_pct=_ratio(observed - baseline, baseline),
        active_moa=int(m["active_moa_count"]),
        ending_soon_moa=int(m["ending_soon_moa_count"]),
        ended_undecided_moa=int(m["ended_undecided_moa_count"]),
        budget_year=int(latest["year"]) if latest is not None else None,
        budget_allocated_rp=float(latest["allocated_rp"]) if latest is not None else 0.0,
        budget_realised_rp=float(latest["realised_rp"]) if latest is not None else 0.0,
        budget_realised_pct=_ratio(latest["realised_rp"], latest["allocated_rp"])
        if latest is not None
        else None,
    )
