"""The TNP2K scorecard (rapor kabupaten): one row per kabupaten/kota with its Beranda figures, MoAs, KPI tally and cost
per household that left extreme poverty. Pure: frames in, frames out."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sinergi.common.fmt import EMPTY, fmt_change, fmt_number, fmt_pct, fmt_rupiah
from sinergi.common.suppressed import breakdown_value, is_share, protected_share, share_cells
from sinergi.monitoring.kpi import with_attainment

ON_TRACK = ("tercapai", "sesuai_jalur")


@dataclass(frozen=True)
class Measure:
    column: str
    kind: str  # count, pct, change (a signed percentage: +13,8 %), rp
    higher_is_better: bool
    palette: str  # sinergi.common.map_classes.PALETTES: darker is more of the measure


# The measures a reviewer sorts and maps by, in the order of the table.
MEASURES: dict[str, Measure] = {
    "extreme_poor": Measure("extreme_poor_households_count", "count", False, "OrRd"),
    "observed": Measure("observed_extreme_poor_count", "count", False, "Reds"),
    "observed_change": Measure("observed_change_pct", "change", False, "PuRd"),
    "reached": Measure("verified_targets_reached_pct", "pct", True, "Blues"),
    "left_behind": Measure("left_behind_count", "count", False, "RdPu"),
    "signed_moa": Measure("signed_moa_count", "count", True, "GnBu"),
    "active_moa": Measure("active_moa_count", "count", True, "YlGnBu"),
    "decision_moa": Measure("decision_moa_count", "count", False, "YlOrBr"),
    "kpi_on_track": Measure("kpi_on_track_pct", "pct", True, "YlGn"),
    "cost_per_exit": Measure("cost_per_exit_rp", "rp", False, "YlOrRd"),
}


def _number(series: pd.Series) -> pd.Series:
    # what the viewer sees of each cell (a protected count rounded to 5, "<5" missing): a ratio or a rank made from
    # these gives back nothing the table does not show
    return pd.to_numeric(series.map(breakdown_value), errors="coerce").astype("float64")


def _ratio(part: pd.Series, whole: pd.Series, scale: float = 100.0) -> pd.Series:
    whole = _number(whole)
    return (scale * _number(part) / whole.where(whole != 0)).astype("float64")


def kpi_tally(kpis: pd.DataFrame | list[pd.DataFrame]) -> pd.DataFrame:
    """Return per kabupaten_code the KPI rows (MoA x KPI) and how many are on track or met, from kpi_by_moa results
    (one frame, or one per region)."""
    if isinstance(kpis, list):
        kpis = (
            pd.concat([k for k in kpis if len(k)], ignore_index=True)
            if any(len(k) for k in kpis)
            else pd.DataFrame()
        )
    if kpis.empty:
        return pd.DataFrame(columns=["kabupaten_code", "kpi_rows_count", "kpi_on_track_count"])
    status = with_attainment(kpis)
    status["on_track"] = status["status"].isin(ON_TRACK)
    out = status.groupby("kabupaten_code").agg(
        kpi_rows_count=("kpi_code", "size"), kpi_on_track_count=("on_track", "sum")
    )
    return out.reset_index()


def scorecard(
    rows: pd.DataFrame, kpis: pd.DataFrame | list[pd.DataFrame], as_of: object, source: str, is_baseline: bool
) -> pd.DataFrame:
    """Return the scorecard: scorecard_kabupaten rows with change, shares, MoAs needing a decision, KPI tally and
    cost per exit (realised budget / households that left extreme poverty), as of the dataset date.

    Shares, changes and the cost per exit are made from the counts as the viewer sees them (docs/privacy.md): exact
    for by-name roles, from the rounded cells otherwise, and missing where a count reads "<5"."""
    out = rows.merge(kpi_tally(kpis), on="kabupaten_code", how="left")
    out["kpi_rows_count"] = out["kpi_rows_count"].fillna(0).astype(int)
    out["kpi_on_track_count"] = out["kpi_on_track_count"].fillna(0).astype(int)
    observed, baseline = (
        _number(out["observed_extreme_poor_count"]),
        _number(out["baseline_extreme_poor_count"]),
    )
    out["observed_change_pct"] = np.nan if is_baseline else _ratio(observed - baseline, baseline)
    # Share cells for aggregate roles: tables write them rounded ("95 %"), and withheld as a word
    out["verified_targets_reached_pct"] = share_cells(
        [
            protected_share(part, whole)
            for part, whole in zip(
                out["verified_targets_reached_count"], out["verified_targets_count"], strict=True
            )
        ],
        out.index,
    )
    out["decision_moa_count"] = out["ending_soon_moa_count"] + out["ended_undecided_moa_count"]
    out["kpi_on_track_pct"] = _ratio(out["kpi_on_track_count"], out["kpi_rows_count"])
    out["cost_per_exit_rp"] = _ratio(out["realised_rp"], out["left_extreme_poverty_count"], 1.0)
    out["as_of"] = pd.Timestamp(as_of).date()
    out["source"] = source
    return out


def sort_scorecard(table: pd.DataFrame, measure: str, best_first: bool) -> pd.DataFrame:
    """Return the table sorted by a measure (missing values last), best or worst first, then by code."""
    spec = MEASURES[measure]
    ascending = best_first != spec.higher_is_better
    key = _number(table[spec.column])
    order = key.sort_values(ascending=ascending, na_position="last", kind="stable").index
    return table.loc[order].reset_index(drop=True)


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with shares to one decimal and Rupiah to whole numbers, as the screen shows them."""
    digits = {m.column: 0 if m.kind == "rp" else 1 for m in MEASURES.values() if m.kind != "count"}
    return table.round({c: d for c, d in digits.items() if c in table.columns})


def measure_formats(lang: str) -> dict[str, Callable[[object], str]]:
    """Return the table formatters of the measures that need more than the column's default (a change's sign)."""
    return {
        m.column: lambda v, kind=m.kind: measure_labels(pd.Series([v]), kind, lang).iloc[0]
        for m in MEASURES.values()
        if m.kind == "change"
    }


def measure_labels(values: pd.Series, kind: str, lang: str) -> pd.Series:
    """Return each value of a measure written for a reader in lang ("–" when missing; a count as the viewer may
    see it, "<5" included)."""

    def label(value: object) -> str:
        if is_share(value):  # rounded to 5 points (no decimal) or withheld (a word)
            return fmt_pct(value, lang)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return EMPTY
        if kind == "count":
            return fmt_number(value, lang)
        if kind == "change":  # with its sign, as on Beranda: +13,8 %, −1,8 %
            return fmt_change(float(value), lang, 1, pct=True)
        return fmt_pct(float(value), lang) if kind == "pct" else fmt_rupiah(float(value), lang)

    return values.map(label)


# Columns of the scorecard counted from P3KE households and surveys: unknown, not 0, for a kabupaten with none
HOUSEHOLD_COLUMNS = (
    "extreme_poor_households_count",
    "extreme_poor_people_count",
    "observed_extreme_poor_count",
    "baseline_extreme_poor_count",
    "observed_change_pct",
    "verified_targets_count",
    "verified_targets_reached_count",
    "verified_targets_reached_pct",
    "left_behind_count",
    "left_extreme_poverty_count",
    "cost_per_exit_rp",
)


def without_household_data(table: pd.DataFrame, with_households: set[str]) -> pd.DataFrame:
    """Return the scorecard with the household figures of every kabupaten outside with_households blank: a kabupaten
    imported with boundaries only has no household data, and its row must not read 0 (walk1 item 6)."""
    out = table.copy()
    empty = ~out["kabupaten_code"].isin(with_households)
    if empty.any():
        for column in HOUSEHOLD_COLUMNS:
            if column in out.columns:
                out[column] = out[column].astype(object).where(~empty, None)
    return out
