"""When a collaboration counts as stuck: the one rule of the briefing's decision list, the MoA page's alert and
Alur Program's default (a tester found 120 days on one page and 90 on another)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from sinergi.common.vocabulary import LAST_STAGE, OPEN_STATUSES

STUCK_DAYS = 120


def stuck_flags(moas: pd.DataFrame, today: date, days: int = STUCK_DAYS) -> pd.Series:
    """Return, per MoA (status, current_stage_no, started_on and stage_reached_on, the latest stage date), whether it
    is stuck: open, short of the last stage, and no stage reached (or, with none, not started) in `days` days."""
    last = moas["stage_reached_on"].where(moas["stage_reached_on"].notna(), moas["started_on"])
    idle = [(today - pd.Timestamp(d).date()).days if pd.notna(d) else -1 for d in last]
    return (
        moas["status"].isin(OPEN_STATUSES)
        & (moas["current_stage_no"] < LAST_STAGE)
        & (pd.Series(idle, index=moas.index) >= days)
    ).astype(bool)
