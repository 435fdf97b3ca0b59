"""KPI attainment and status: how far a measured value has moved from the baseline towards the MoA target.

On-track rule (documented for TNP2K reviews and the regent's briefing):
- only signed MoAs (aktif, diperpanjang, berakhir) get attainment and a status: kpi_by_moa returns no other;
- baseline: the value written in the MoA (kpi_target.baseline_value) when the figure covers the whole MoA and the
  MoA states one; the value measured at the baseline round over the same households otherwise (a kecamatan, or no
  written baseline). `baseline_source` says which ("tertulis" or "terukur"); both are shown;
- attainment = 100 x (value - baseline) / (target - baseline). Because target - baseline carries the KPI's
  direction (a "lower is better" target lies below its baseline), a move in the good direction is positive for
  both directions; moving the wrong way gives a negative attainment.
- status "tercapai" (achieved) when attainment >= 100;
- "sesuai_jalur" (on track) when attainment >= 100 x the share of the MoA period elapsed at the measurement (the
  end of the round's fieldwork, never after the dataset's as-of date; progress is expected to be linear over the
  period: halfway through, half of the way to the target);
- otherwise "belum_tercapai" (not yet achieved) — once the period is over, anything short of 100 is this.
- "tidak_terukur" (cannot be measured) when attainment is None: no measurement, or a target that asks for no change
  (target == baseline) or a change in the wrong direction; and (with_attainment) a count KPI measured over only part
  of an MoA's households (a kecamatan), which cannot be held against the whole-MoA target.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from sinergi.common.chart_style import PALETTE
from sinergi.common.suppressed import Count, attainment_band, is_small_count, shown_number, true_value

STATUSES = ("tercapai", "sesuai_jalur", "belum_tercapai", "tidak_terukur")

# Okabe-Ito: bluish green / sky blue / vermillion / grey stay apart for the common colour-vision deficiencies;
# the status is also always written out in words next to the colour.
STATUS_COLOURS = {
    "tercapai": PALETTE["good"],
    "sesuai_jalur": PALETTE["sky"],
    "belum_tercapai": PALETTE["bad"],
    "tidak_terukur": PALETTE["neutral"],
}
# Catalogue keys of the status labels (sinergi/common/locales/monev.toml).
STATUS_LABEL_KEYS = {status: f"monev.status.{status}" for status in STATUSES}


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def attainment_pct(
    baseline: float | None, value: float | None, target: float | None, direction: str
) -> float | None:
    """Return 100 x (value - baseline) / (target - baseline), or None when it cannot be measured."""
    if _missing(baseline) or _missing(value) or _missing(target):
        return None
    if direction not in ("higher", "lower"):
        raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")
    sign = 1.0 if direction == "higher" else -1.0
    needed = (float(target) - float(baseline)) * sign
    # A target that asks for no improvement (equal to, or on the wrong side of, the baseline) has no scale.
    if needed <= 0:
        return None
    return 100.0 * (float(value) - float(baseline)) * sign / needed


def elapsed_share(started_on: date, ended_on: date, at: date) -> float:
    """Return the share (0-1) of the period started_on..ended_on that has passed at the date `at`."""
    total = (ended_on - started_on).days
    if total <= 0:
        return 1.0
    return min(max((at - started_on).days / total, 0.0), 1.0)


def kpi_status(attainment_pct: float | None, elapsed_share: float) -> str:
    """Return tercapai, sesuai_jalur, belum_tercapai (or tidak_terukur for None) under the module's rule."""
    if _missing(attainment_pct):
        return "tidak_terukur"
    if attainment_pct >= 100.0:
        return "tercapai"
    if elapsed_share < 1.0 and attainment_pct >= 100.0 * elapsed_share:
        return "sesuai_jalur"
    return "belum_tercapai"


def status_colour(status: str) -> str:
    """Return the colour-blind-safe colour of a status."""
    return STATUS_COLOURS[status]


# Query files of the KPI contract (queries/kpi_by_moa.sql, queries/kpi_by_region.sql).
QUERY_BY_MOA = "kpi_by_moa"
QUERY_BY_REGION = "kpi_by_region"


BASELINE_SOURCES = ("tertulis", "terukur")  # written in the MoA, measured at the baseline round


def attainment_baseline(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return the baseline attainment starts from, and its source (BASELINE_SOURCES), per kpi_by_moa row."""
    written = frame["mou_baseline_value"] if "mou_baseline_value" in frame else pd.Series(np.nan, frame.index)
    whole = (
        frame["target_households_count"].map(true_value)
        >= frame["moa_target_households_count"].map(true_value)
        if {"target_households_count", "moa_target_households_count"} <= set(frame.columns)
        else pd.Series(True, frame.index)
    )
    use_written = written.notna().astype(bool) & whole
    # the measured and written baselines may be protected Counts: attainment starts from the true value
    measured = frame["baseline_value"].map(true_value).astype("float64")
    baseline = written.map(true_value).astype("float64").where(use_written, measured)
    return baseline, pd.Series(np.where(use_written, "tertulis", "terukur"), index=frame.index)


def with_attainment(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a kpi_by_moa result with change (measured), attainment_baseline_value, baseline_source,
    attainment_pct, elapsed_share and status columns added."""
    out = frame.copy()
    out["change"] = out["value"] - out["baseline_value"]
    # attainment and status from the true values (sinergi.common.suppressed); what is shown of them is the
    # display table's business
    out["attainment_baseline_value"], out["baseline_source"] = attainment_baseline(out)
    out["attainment_pct"] = [
        attainment_pct(true_value(b), true_value(v), true_value(t), d)
        for b, v, t, d in zip(
            out["attainment_baseline_value"], out["value"], out["target_value"], out["direction"], strict=True
        )
    ]
    out["attainment_pct"] = out["attainment_pct"].astype("float64")
    if {"target_households_count", "moa_target_households_count"} <= set(out.columns):
        # Below the MoA's kabupaten only part of its households is measured: a count cannot be held against the
        # whole-MoA target (a share can), so such counts are not measurable there.
        partial = (out["target_households_count"] < out["moa_target_households_count"]) & (
            out["unit"] != "persen"
        )
        out.loc[partial, "attainment_pct"] = np.nan
    out["elapsed_share"] = [
        elapsed_share(_as_date(s), _as_date(e), _as_date(at))
        for s, e, at in zip(out["moa_started_on"], out["moa_ended_on"], out["round_ended_on"], strict=True)
    ]
    out["status"] = [
        kpi_status(a, e) for a, e in zip(out["attainment_pct"], out["elapsed_share"], strict=True)
    ]
    return protect_derived(out)


def _protected(value: object) -> bool:
    return isinstance(value, Count) and not value.exact


def protect_derived(out: pd.DataFrame) -> pd.DataFrame:
    """Return with_attainment's frame with what a viewer without by-name access may see of the figures derived from
    a count KPI's protected values (docs/privacy.md, rule 8); by-name roles' rows are left as they are.

    - attainment: a band (sinergi.common.suppressed.Band: 25 points, or 100 % and more), withheld where the value,
      the baseline it starts from or the target reads "<5": a whole percent from exact figures pins the value;
    - change: the value as shown minus the baseline as shown (a multiple of 5), withheld where either reads "<5".
    The status stays the one of the true attainment: a band of three whose edges (the target, the share of the MoA
    period) are shown rounded, the decision the page exists for, the same for every role."""
    rows = out["value"].map(_protected).to_numpy(dtype=bool)
    if not rows.any():
        return out
    used = out["mou_baseline_value"].where(out["baseline_source"] == "tertulis", out["baseline_value"])
    small = [
        any(is_small_count(x) for x in inputs)
        for inputs in zip(used, out["value"], out["target_value"], strict=True)
    ]
    # plain lists, not .iat on the frame's columns: a province's ~700 KPI rows cost ~30 ms that way
    attainment = out["attainment_pct"].astype(object).tolist()
    change = out["change"].astype(object).tolist()
    true_pct, values, baselines = (out[c].tolist() for c in ("attainment_pct", "value", "baseline_value"))
    for i in np.flatnonzero(rows):
        attainment[i] = math.nan if small[i] else attainment_band(true_pct[i])
        value, baseline = values[i], baselines[i]
        hidden = is_small_count(value) or is_small_count(baseline) or not isinstance(baseline, Count)
        change[i] = math.nan if hidden else float(shown_number(value) - shown_number(baseline))
    attainment = pd.Series(attainment, index=out.index, dtype=object)
    change = pd.Series(change, index=out.index, dtype=object)
    out["attainment_pct"] = attainment
    # no Count is left in the change of a protected viewer's frame: a plain number column, as admin's writes it
    out["change"] = pd.to_numeric(change).astype("float64") if not change.map(_protected).any() else change
    return out


def _as_date(value: object) -> date:
    return pd.Timestamp(value).date()
