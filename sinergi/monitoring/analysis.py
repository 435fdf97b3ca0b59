"""Pure monitoring logic: rankings by attainment, household transitions, coverage gaps, cost per household.

The difference-in-differences lives in sinergi.monitoring.did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sinergi.common.suppressed import Count, rounded_ratio, true_value

TRANSITIONS = ("keluar", "masuk", "tetap_miskin", "tetap_tidak_miskin")


def moa_ranking(kpis: pd.DataFrame) -> pd.DataFrame:
    """Return MoAs ranked by the median attainment of their measurable KPIs (from kpi.with_attainment)."""
    # attainment bands of roles without by-name access (rule 8) rank by their lower edge
    measurable = kpis[kpis["attainment_pct"].notna()].assign(
        attainment_pct=lambda f: pd.to_numeric(f["attainment_pct"]).astype("float64")
    )
    out = (
        measurable.groupby(["moa_id", "moa_title", "kabupaten_code"], as_index=False)
        .agg(
            attainment_pct=("attainment_pct", "median"),
            kpi_count=("kpi_code", "size"),
            achieved_count=("status", lambda s: int((s == "tercapai").sum())),
            households_count=("households_count", "max"),
        )
        .sort_values(["attainment_pct", "moa_id"], ascending=[False, True])
    )
    return out.reset_index(drop=True)


def kabupaten_ranking(kpis: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Return kabupaten ranked by the median over their MoAs of each MoA's median KPI attainment."""
    moa = moa_ranking(kpis)
    out = (
        moa.groupby("kabupaten_code", as_index=False)
        .agg(
            attainment_pct=("attainment_pct", "median"),
            moa_count=("moa_id", "size"),
            households_count=("households_count", "sum"),
        )
        .sort_values(["attainment_pct", "kabupaten_code"], ascending=[False, True])
    )
    out.insert(1, "name", out["kabupaten_code"].map(names).fillna(out["kabupaten_code"]))
    return out.reset_index(drop=True)


def transition_of(was_poor: pd.Series, is_poor: pd.Series) -> pd.Series:
    """Return the transition of each row: keluar, masuk, tetap_miskin or tetap_tidak_miskin."""
    return pd.Series(
        np.select(
            [was_poor & ~is_poor, ~was_poor & is_poor, was_poor & is_poor],
            ["keluar", "masuk", "tetap_miskin"],
            "tetap_tidak_miskin",
        ),
        index=was_poor.index,
    )


def transition_counts(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return households per transition (columns TRANSITIONS), overall or per value of `by`."""
    f = frame.assign(transition=transition_of(frame["was_extreme_poor"], frame["is_extreme_poor"]))
    keys = [by] if by else []
    if not keys:
        f = f.assign(_all="all")
        keys = ["_all"]
    wide = f.pivot_table(
        index=keys, columns="transition", values="households_count", aggfunc="sum", fill_value=0
    )
    # counts stay protected Counts (true sums inside): no astype(int), which would expose them
    wide = wide.reindex(columns=list(TRANSITIONS), fill_value=0)
    wide["households_count"] = wide.sum(axis=1)
    return wide.reset_index().drop(columns=["_all"], errors="ignore")


def desa_transitions(frame: pd.DataFrame) -> pd.DataFrame:
    """Return households per transition per desa, labelled "name (code)", most leaving first, from rows of
    household_transitions_by_desa: what queries/household_transitions_desa.sql returns page by page (the page
    shows one page; the downloads hold every desa, made from these rows on click)."""
    labelled = frame.assign(desa=frame["desa_name"] + " (" + frame["desa_code"] + ")")
    desa = transition_counts(labelled, "desa")
    return desa.sort_values(["keluar", "desa"], ascending=[False, True]).reset_index(drop=True)


def transitions_by_sector_query(round_ended_on: object, as_of: date) -> str:
    """Return the query of the transitions by sector on as_of: the summary (summary_desa_transition_sector holds the
    sectors counted by the end of the round's fieldwork) once that end is on or before as_of, else the household
    rows, since the sectors then depend on the interventions' own dates."""
    ended = None if round_ended_on is None or pd.isna(round_ended_on) else pd.Timestamp(round_ended_on).date()
    if ended is not None and ended <= as_of:
        return "household_transitions_by_sector"
    return "household_transitions_by_sector_rows"


def decile_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Return households by baseline decile (rows) and current decile (columns)."""
    return frame.pivot_table(
        index="baseline_decile", columns="decile", values="households_count", aggfunc="sum", fill_value=0
    )


def overlap_bins(frame: pd.DataFrame) -> pd.DataFrame:
    """Return households by number of sources reaching them, binned 0, 1, 2, 3+."""
    label = frame["sources_count"].clip(upper=3).map({0: "0", 1: "1", 2: "2", 3: "3+"})
    out = (
        frame.groupby(label, sort=True)["households_count"].sum().reindex(["0", "1", "2", "3+"], fill_value=0)
    )
    return out.rename_axis("sources").reset_index()


def left_behind_by_desa(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the left-behind households counted per desa, most first, from the household rows of
    left_behind_households: what queries/left_behind_by_desa.sql reads from the summaries (tests/test_left_behind.py),
    and an aggregate a role without by-name access may receive instead of the rows (sinergi.ui.data.load)."""
    out = (
        frame.groupby(["desa_code", "desa_name", "kecamatan_name"], as_index=False)
        .agg(households_count=("household_id", "size"), members_count=("members_count", "sum"))
        .sort_values(["households_count", "desa_code"], ascending=[False, True])
    )
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class CostPerHousehold:
    """Cost per household for a kabupaten, each numerator over the denominator of the same scope (budget_cost_basis).
    Household counts stay protected Counts (sinergi.common.suppressed); the costs come from their true values."""

    up_to_year: int
    realised_rp: float  # budget realised up to the round's year (no bansos in it)
    bansos_rp: float  # bansos received by the verified targets by the round's date
    reached_households: Count | int  # verified targets reached by any counted intervention
    reached_without_bansos: Count | int  # ... by a counted intervention other than bansos
    left_households: Count | int  # valid households below the line at baseline, not at the round
    per_reached_rp: float | None  # realised budget / targets reached without bansos
    per_reached_with_bansos_rp: float | None  # (realised budget + bansos) / targets reached by anything
    per_left_rp: float | None  # realised budget / households that left extreme poverty


def _per(amount: float, households: object) -> float | None:
    n = true_value(households)
    return amount / n if n else None


def cost_per_household(basis: pd.DataFrame) -> CostPerHousehold:
    """Return the cost per household from the one-row budget_cost_basis result."""
    row = basis.iloc[0]
    spent, bansos = float(row["realised_rp"] or 0), float(row["bansos_rp"] or 0)
    reached, without = row["reached_households_count"], row["reached_without_bansos_count"]
    left = row["left_extreme_poverty_count"]
    return CostPerHousehold(
        int(row["up_to_year"]),
        spent,
        bansos,
        reached,
        without,
        left,
        _per(spent, without),
        _per(spent + bansos, reached),
        _per(spent, left),
    )


def protect_ratios(frame: pd.DataFrame, ratios: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Return frame with each amount-per-household column {ratio: (amount, count)} as the viewer may see it.

    An amount shown beside amount / count gives the count back by division. For a protected count the ratio is
    therefore computed from the count as shown (rounded to 5), so the division gives back only what the table
    shows, and blank where the count reads "<5" (docs/privacy.md). Exact counts keep the exact ratio."""
    out = frame.copy()
    for ratio, (amount, count) in ratios.items():
        out[ratio] = [
            np.nan if pd.isna(before) or (r := rounded_ratio(a, c)) is None else r
            for a, c, before in zip(out[amount], out[count], out[ratio], strict=True)
        ]
    return out


def budget_totals(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return allocated, realised and realised share per year and `by` (funding_source, program, sector_code)."""
    out = frame.groupby(["year", by], as_index=False)[["allocated_rp", "realised_rp"]].sum()
    out["realised_pct"] = 100.0 * out["realised_rp"] / out["allocated_rp"]
    return out.sort_values(["year", "allocated_rp"], ascending=[True, False]).reset_index(drop=True)
