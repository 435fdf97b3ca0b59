"""Pure monitoring logic: rankings by attainment, household transitions, difference-in-differences, coverage gaps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sinergi.common.suppressed import Count, breakdown_share, true_value

TRANSITIONS = ("keluar", "masuk", "tetap_miskin", "tetap_tidak_miskin")


def moa_ranking(kpis: pd.DataFrame) -> pd.DataFrame:
    """Return MoAs ranked by the median attainment of their measurable KPIs (from kpi.with_attainment)."""
    measurable = kpis[kpis["attainment_pct"].notna()]
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


def decile_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Return households by baseline decile (rows) and current decile (columns)."""
    return frame.pivot_table(
        index="baseline_decile", columns="decile", values="households_count", aggfunc="sum", fill_value=0
    )


@dataclass(frozen=True)
class DidResult:
    by_kecamatan: pd.DataFrame  # per kecamatan: shares, changes and did_pp
    estimate_pp: float | None  # weighted by target households, percentage points
    treated_households: Count | int
    control_households: Count | int
    kecamatan_count: int


def diff_in_diff(frame: pd.DataFrame) -> DidResult:
    """Return the difference-in-differences of the extreme-poor share (targets minus comparison), in points.

    Per kecamatan with both groups: (target share now - then) - (comparison share now - then); the overall estimate
    weights kecamatan by their target households, so the comparison is always made within a kecamatan.
    """
    # shares from the true values; what is shown of them per kecamatan is the page's business (display rules)
    n = frame["households_count"].map(true_value).astype(float)
    f = frame.assign(
        baseline_pct=100.0 * frame["baseline_extreme_poor_count"].map(true_value).astype(float) / n,
        value_pct=100.0 * frame["extreme_poor_count"].map(true_value).astype(float) / n,
        households_n=n,
    )
    f["change_pp"] = f["value_pct"] - f["baseline_pct"]
    wide = f.pivot_table(
        index=["kecamatan_code", "kecamatan_name"],
        columns="group_code",
        values=["households_n", "baseline_pct", "value_pct", "change_pp"],
    )
    wide.columns = [
        f"{group}_{name}".replace("_households_n", "_households_count") for name, group in wide.columns
    ]
    need = {"sasaran_change_pp", "pembanding_change_pp"}
    if not need <= set(wide.columns):
        return DidResult(wide.reset_index(), None, 0, 0, 0)
    wide = wide.dropna(subset=sorted(need)).reset_index()
    wide["did_pp"] = wide["sasaran_change_pp"] - wide["pembanding_change_pp"]
    treated = int(wide["sasaran_households_count"].sum())
    estimate = (
        float(np.average(wide["did_pp"], weights=wide["sasaran_households_count"])) if treated else None
    )
    exact = bool(len(frame)) and all(c.exact for c in frame["households_count"] if isinstance(c, Count))
    for group in ("sasaran", "pembanding"):  # counts go back to protected Counts for display
        column = f"{group}_households_count"
        wide[column] = [Count(round(v), exact) for v in wide[column]]
    control = int(sum(true_value(c) for c in wide["pembanding_households_count"]))
    return DidResult(wide, estimate, Count(treated, exact), Count(control, exact), len(wide))


def protected_did_table(by_kecamatan: pd.DataFrame) -> pd.DataFrame:
    """Return the per-kecamatan comparison as a breakdown may show it: each share is shown only as
    sinergi.common.suppressed.breakdown_share allows (its count of extreme poor and the rest both 5 or more,
    rounded to 5 points), since a precise share times the group size gives the count back."""
    out = by_kecamatan.copy()
    for group in ("sasaran", "pembanding"):
        n = out[f"{group}_households_count"]
        for column in (f"{group}_baseline_pct", f"{group}_value_pct"):
            parts = [
                Count(round(p * true_value(c) / 100.0), c.exact) if isinstance(c, Count) and p == p else None
                for p, c in zip(out[column], n, strict=True)
            ]
            out[column] = [
                out.at[i, column] if part is None else breakdown_share(part, c)
                for i, part, c in zip(out.index, parts, n, strict=True)
            ]
            out[column] = out[column].astype(float)
        out[f"{group}_change_pp"] = out[f"{group}_value_pct"] - out[f"{group}_baseline_pct"]
    if "did_pp" in out.columns:  # per kecamatan from the shares shown; the estimate tile stays the true one
        out["did_pp"] = out["sasaran_change_pp"] - out["pembanding_change_pp"]
    return out


def overlap_bins(frame: pd.DataFrame) -> pd.DataFrame:
    """Return households by number of sources reaching them, binned 0, 1, 2, 3+."""
    label = frame["sources_count"].clip(upper=3).map({0: "0", 1: "1", 2: "2", 3: "3+"})
    out = (
        frame.groupby(label, sort=True)["households_count"].sum().reindex(["0", "1", "2", "3+"], fill_value=0)
    )
    return out.rename_axis("sources").reset_index()


def left_behind_by_desa(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the left-behind households counted per desa, most first (from the household rows of
    left_behind_households: the aggregate roles without by-name access receive instead of the rows)."""
    out = (
        frame.groupby(["desa_code", "desa_name", "kecamatan_name"], as_index=False)
        .agg(households_count=("household_id", "size"), members_count=("members_count", "sum"))
        .sort_values(["households_count", "desa_code"], ascending=[False, True])
    )
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class CostPerHousehold:
    realised_rp: float
    reached_households: Count | int
    left_households: Count | int
    per_reached_rp: float | None
    per_left_rp: float | None


def cost_per_household(basis: pd.DataFrame) -> CostPerHousehold:
    """Return realised budget per target household reached and per household that left extreme poverty."""
    row = basis.iloc[0]
    spent = float(row["realised_rp"] or 0)
    reached, left = row["reached_households_count"], row["left_extreme_poverty_count"]
    n_reached, n_left = true_value(reached), true_value(left)
    return CostPerHousehold(
        spent, reached, left, spent / n_reached if n_reached else None, spent / n_left if n_left else None
    )


def budget_totals(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return allocated, realised and realised share per year and `by` (funding_source, program, sector_code)."""
    out = frame.groupby(["year", by], as_index=False)[["allocated_rp", "realised_rp"]].sum()
    out["realised_pct"] = 100.0 * out["realised_rp"] / out["allocated_rp"]
    return out.sort_values(["year", "allocated_rp"], ascending=[True, False]).reset_index(drop=True)
