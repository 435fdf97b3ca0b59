"""Collaboration logic: MoA alerts, stalled collaborations, sector gaps and partner suggestions for a gap."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from sinergi.common.i18n import translate
from sinergi.common.stuck import STUCK_DAYS, stuck_flags
from sinergi.common.vocabulary import LAST_STAGE, OPEN_STATUSES

# What a gap in each sector most needs, read from the source's list of contributions: food and MSME work needs
# skills, mentoring, tools and buyers (MSMEs also soft credit); energy needs equipment and money; health needs
# mentoring of mothers and cadres, coaching, money and equipment.
SECTOR_NEEDED_KINDS: dict[str, tuple[str, ...]] = {
    "pangan": ("pelatihan", "pendampingan", "alat_hibah", "akses_pasar"),
    "energi": ("alat_hibah", "pendanaan", "pelatihan"),
    "kesehatan": ("pendampingan", "pembinaan", "pendanaan", "alat_hibah"),
    "umkm": ("pelatihan", "kredit_lunak", "akses_pasar", "pendampingan"),
}
# Village governments work only in their own desa, and an agency only in its own kabupaten.
_LOCAL_ONLY_TYPES = ("opd", "komunitas")
_NEVER_SUGGESTED_TYPES = ("pemdes",)


def _as_date(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def moa_alerts(
    moas: pd.DataFrame, stages: pd.DataFrame | None = None, today: date | None = None
) -> pd.DataFrame:
    """Return one row per MoA needing attention, from moa_registry's flags on the as-of date (queries/macros.sql,
    moa_as_of): `ending_soon` (active, ends within 90 days) or `ended_undecided` (signed, period over, no renewal
    decision yet); `days` counts days left or overdue. Given the stage dates (moa_stage_dates) and the as-of date,
    an MoA with neither flag is `stuck` by sinergi.common.stuck (`days`: days since its last stage), so the page
    lists every MoA the briefing counts as needing a decision for these reasons."""
    stuck = pd.Series(False, index=moas.index)
    reached = pd.Series(pd.NaT, index=moas.index)
    if stages is not None and today is not None:
        reached = moas["moa_id"].map(stages.groupby("moa_id")["reached_on"].max())
        stuck = stuck_flags(moas.assign(stage_reached_on=reached), today)
    rows = []
    for i, moa in enumerate(moas.itertuples(index=False)):
        days = int(moa.days_to_end_count)
        if moa.is_ending_soon:
            rows.append(
                (moa.moa_id, moa.title, moa.status, _as_date(moa.ended_on), "ending_soon", days, None)
            )
        elif moa.is_ended_undecided:
            rows.append(
                (moa.moa_id, moa.title, moa.status, _as_date(moa.ended_on), "ended_undecided", -days, None)
            )
        elif stuck.iloc[i]:
            last = _as_date(reached.iloc[i]) or _as_date(moa.started_on)
            idle = (today - last).days if today is not None and last is not None else 0
            rows.append((moa.moa_id, moa.title, moa.status, _as_date(moa.ended_on), "stuck", idle, last))
    columns = ["moa_id", "title", "status", "ended_on", "alert", "days", "stage_reached_on"]
    return pd.DataFrame(rows, columns=columns).sort_values(["alert", "ended_on"], ignore_index=True)


def stuck_items(stages: pd.DataFrame, today: date, days: int = STUCK_DAYS) -> pd.DataFrame:
    """Return the open collaborations (draft, aktif, diperpanjang) short of the last stage whose latest stage was
    reached at least `days` days before today, longest idle first."""
    if stages.empty:
        return pd.DataFrame(columns=["moa_id", "title", "status", "stage_no", "last_reached_on", "idle_days"])
    latest = stages.sort_values(["moa_id", "stage_no"]).groupby("moa_id", as_index=False).tail(1).copy()
    latest["last_reached_on"] = latest["reached_on"].map(_as_date)
    latest["idle_days"] = latest["last_reached_on"].map(lambda d: (today - d).days)
    keep = (
        latest["status"].isin(OPEN_STATUSES)
        & (latest["stage_no"] < LAST_STAGE)
        & (latest["idle_days"] >= days)
    )
    columns = ["moa_id", "title", "status", "stage_no", "last_reached_on", "idle_days"]
    return latest.loc[keep, columns].sort_values("idle_days", ascending=False, ignore_index=True)


def gap_cells(needs: pd.DataFrame) -> pd.DataFrame:
    """Return the sector x desa cells with high need (is_high_need) and no partner at work (actors_count == 0),
    by sector and then by need rank within the kabupaten."""
    gaps = needs[needs["is_high_need"].astype(bool) & (needs["actors_count"] == 0)]
    return gaps.sort_values(["sector_code", "need_rank", "desa_code"], ignore_index=True)


def _level_word(level: int, lang: str) -> str:
    return translate(f"mitra.level.{int(level)}", lang)


def suggest_partners(
    gap: Mapping[str, object], capacities: pd.DataFrame, lang: str = "id", limit: int | None = None
) -> pd.DataFrame:
    """Return partners able to work on a gap (needs sector_code and kabupaten_code), best first, with a reason.

    A partner with capacity in the gap's sector AND a kind of contribution the sector needs ranks above one with
    capacity in the sector only; partners with no capacity in the sector are left out. Ties: total capacity level
    in the needed kinds, then in the sector, then partners based in the gap's kabupaten, then id."""
    sector = str(gap["sector_code"])
    kabupaten = gap.get("kabupaten_code")
    needed = SECTOR_NEEDED_KINDS.get(sector, ())
    rows = []
    for partner_id, caps in capacities.groupby("partner_id", sort=True):
        first = caps.iloc[0]
        home = first["kabupaten_code"] if isinstance(first["kabupaten_code"], str) else None
        if first["partner_type"] in _NEVER_SUGGESTED_TYPES:
            continue
        if first["partner_type"] in _LOCAL_ONLY_TYPES and home is not None and home != kabupaten:
            continue
        in_sector = caps[caps["sector_code"] == sector]
        if in_sector.empty:
            continue
        matched = in_sector[in_sector["contribution_kind"].isin(needed)]
        kinds = matched if len(matched) else in_sector
        listed = ", ".join(
            f"{translate(f'mitra.kind.{k}', lang)} ({_level_word(lvl, lang)})"
            for k, lvl in sorted(
                zip(kinds["contribution_kind"], kinds["capacity_level"], strict=True), key=lambda x: -x[1]
            )
        )
        reason = translate(
            "mitra.reason.match" if len(matched) else "mitra.reason.sector_only",
            lang,
            sector=translate(f"mitra.sector.{sector}", lang),
            kinds=listed,
        )
        local = home is not None and home == kabupaten
        if local:
            reason += " " + translate("mitra.reason.local", lang)
        rows.append(
            {
                "partner_id": partner_id,
                "partner_name": first["partner_name"],
                "partner_type": first["partner_type"],
                "matches_kind": bool(len(matched)),
                "matched_level_sum": int(matched["capacity_level"].sum()),
                "sector_level_sum": int(in_sector["capacity_level"].sum()),
                "is_local": local,
                "reason": reason,
            }
        )
    columns = [
        "partner_id",
        "partner_name",
        "partner_type",
        "matches_kind",
        "matched_level_sum",
        "sector_level_sum",
        "is_local",
        "reason",
    ]
    ranked = pd.DataFrame(rows, columns=columns)
    if ranked.empty:
        return ranked
    ranked = ranked.sort_values(
        ["matches_kind", "matched_level_sum", "sector_level_sum", "is_local", "partner_id"],
        ascending=[False, False, False, False, True],
        ignore_index=True,
    )
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked.head(limit) if limit else ranked
