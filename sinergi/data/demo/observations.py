"""Baseline and endline observations of the register households; change follows each MoA's effectiveness."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS
from sinergi.data.demo.households import POVERTY_LINE_RP_PER_CAPITA_DAY, ROUNDS, draw_per_row


def make_observations(hh: pd.DataFrame, treatment: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return baseline and endline observations; change follows each household's MoA effectiveness.

    treatment: household_id, effect (0-1, strongest MoA reaching the household), and one boolean column per sector
    of the MoAs reaching it. Households outside every MoA form the comparison group.
    """
    n = len(hh)
    t = hh[["household_id"]].merge(treatment, on="household_id", how="left")
    effect = t["effect"].fillna(0).to_numpy()
    targeted = effect > 0
    sector_of = {s: t[s].fillna(False).to_numpy(dtype=bool) for s in SECTORS}
    decile = hh["welfare_decile"].to_numpy()
    line = POVERTY_LINE_RP_PER_CAPITA_DAY
    end_line = float(ROUNDS["poverty_line_rp_per_capita_day"].iloc[1])
    lo = np.array([0.55, 1.0, 1.25, 1.5])[decile - 1]
    hi = np.array([0.98, 1.35, 1.7, 2.2])[decile - 1]
    base_exp = line * rng.uniform(lo, hi) * rng.lognormal(0, 0.06, n)
    members = hh["members_count"].to_numpy()
    head_emp0 = rng.random(n) < np.array([0.55, 0.65, 0.72, 0.8])[decile - 1]
    emp0 = head_emp0.astype(int) + rng.binomial(np.maximum(members - 2, 0), 0.18)
    own_toilet = (hh["toilet_facility"] == "MILIK SENDIRI").to_numpy()
    health0 = rng.random(n) < np.where(hh["mothers_children_count"].to_numpy() > 0, 0.62, 0.7)
    deaths_rate = np.where(decile == 1, 0.035, 0.02)

    growth = rng.lognormal(0.07, 0.11, n) * (1 + 0.42 * effect * rng.uniform(0.4, 1.4, n))
    shock = rng.random(n) < 0.04
    end_exp = base_exp * growth * np.where(shock, rng.uniform(0.55, 0.85, n), 1.0)
    new_jobs = rng.binomial(1, np.clip(0.05 + 0.45 * effect, 0, 1)) + rng.binomial(1, 0.12 * effect)
    trained_p = np.where(targeted, 0.25 + 0.65 * effect, 0.03)
    trained = rng.random(n) < trained_p
    trained_sector = _trained_sector(rng, sector_of, targeted)
    biz_p = 0.03 + np.where(sector_of["umkm"] | sector_of["pangan"], 0.45 * effect, 0.1 * effect)
    health_gain = np.where(sector_of["kesehatan"], 0.25 + 0.6 * effect, 0.06)
    sanit_gain = np.where(sector_of["kesehatan"], 0.15 + 0.5 * effect, 0.04)

    def frame(round_id: int, start: date, exp: np.ndarray, line: float, **cols: np.ndarray) -> pd.DataFrame:
        observed = np.datetime64(start) + rng.integers(0, 50, n).astype("timedelta64[D]")
        return pd.DataFrame(
            {
                "household_id": hh["household_id"].to_numpy(),
                "round_id": round_id,
                "observed_on": observed,
                "expenditure_rp_per_capita_day": np.round(exp, 0),
                "welfare_decile": np.searchsorted([1.0, 1.3, 1.6, 2.0], exp / line, side="right") + 1,
                **cols,
            }
        )

    baseline = frame(
        1,
        ROUNDS.started_on[0],
        base_exp,
        line,
        head_employed=head_emp0,
        employed_members_count=emp0,
        new_jobs_count=np.zeros(n, dtype=int),
        trained_sector=np.full(n, None, dtype=object),
        trained_people_count=np.zeros(n, dtype=int),
        business_started=rng.random(n) < 0.02,
        health_facility_access=health0,
        sanitation_access=own_toilet,
        deaths_count=rng.poisson(deaths_rate),
    )
    endline = frame(
        2,
        ROUNDS.started_on[1],
        end_exp,
        end_line,
        head_employed=head_emp0 | (new_jobs > 0),
        employed_members_count=emp0 + new_jobs,
        new_jobs_count=new_jobs,
        trained_sector=np.where(trained, trained_sector, None),
        trained_people_count=np.where(trained, 1 + rng.binomial(1, 0.35, n), 0),
        business_started=rng.random(n) < biz_p,
        health_facility_access=health0 | (rng.random(n) < health_gain),
        sanitation_access=own_toilet | (rng.random(n) < sanit_gain),
        deaths_count=rng.poisson(deaths_rate * np.where(sector_of["kesehatan"], 1 - 0.6 * effect, 1.0)),
    )
    return pd.concat([baseline, endline], ignore_index=True)


def _trained_sector(
    rng: np.random.Generator, sector_of: dict[str, np.ndarray], targeted: np.ndarray
) -> np.ndarray:
    weights = np.column_stack([sector_of[s].astype(float) for s in SECTORS])
    weights[~targeted] = 1.0
    weights[weights.sum(1) == 0] = 1.0
    return draw_per_row(rng, list(SECTORS), weights / weights.sum(1, keepdims=True)).astype(object)
