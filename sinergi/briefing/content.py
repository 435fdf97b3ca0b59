"""The regent's briefing: headline tiles, KPI tally, the MoAs that need a decision and the summary sentences.

Everything here is pure: `gather` takes a fetch function (the page passes its cached `load`, exports and tests pass
`sinergi.data.db.run_query`), the rest works on the frames it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from sinergi.common.fmt import fmt_change, fmt_date, fmt_moa, fmt_number, fmt_pct, fmt_rupiah, fmt_total
from sinergi.common.i18n import translate
from sinergi.common.stuck import STUCK_DAYS, stuck_flags
from sinergi.common.suppressed import is_band, is_count, true_share
from sinergi.common.text import plain
from sinergi.common.vocabulary import OPEN_STATUSES
from sinergi.monitoring.kpi import QUERY_BY_MOA, STATUS_LABEL_KEYS, STATUSES, with_attainment
from sinergi.overview.headline import Headline, headline

Fetch = Callable[..., pd.DataFrame]
# In order of urgency: an MoA with several reasons is counted once, under its first (the counts add up).
DECISION_REASONS = ("ended_undecided", "ending_soon", "behind_target", "stuck")


@dataclass(frozen=True)
class Briefing:
    headline: Headline
    kpi: pd.DataFrame  # kpi_by_moa with attainment_pct and status (sinergi.monitoring.kpi.with_attainment)
    decisions: pd.DataFrame  # MoAs needing a decision, with a `reasons` column (tuple of DECISION_REASONS)
    by_desa: pd.DataFrame  # briefing_extreme_poor_by_desa
    is_baseline: bool
    open_moas: int = 0  # MoAs still open: draft, active or renewed, or ended without a renewal decision
    level: str = (
        "kabupaten"  # provinsi, kabupaten or kecamatan: the title names the Gubernur at province level
    )
    round_as_of: date | None = (
        None  # households and coverage are counted to this date (end of the round's fieldwork)
    )


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    delta: str | None  # a change, with a sign, or a short qualifier
    delta_color: str  # "normal", "inverse" (a fall is good) or "off"
    help: str


def gather(fetch: Fetch, region: str, round_id: int, baseline_round_id: int, as_of: date) -> Briefing:
    """Return the briefing of a region and round as of the dataset's date, from the named queries run through
    fetch(name, **params)."""
    params = {"region": region, "round_id": round_id, "baseline_round_id": baseline_round_id, "as_of": as_of}
    fig = headline(
        fetch("overview_households", **params),
        fetch("overview_moa", **params),
        fetch("overview_budget", **params),
    )
    kpi = with_attainment(fetch(QUERY_BY_MOA, **params))
    moas = fetch("briefing_moa_decisions", **params)
    moas = moas.assign(is_stuck=stuck_flags(moas, as_of))
    is_open = moas["status"].isin(OPEN_STATUSES) | moas["is_ended_undecided"].astype(bool)
    is_baseline = round_id == baseline_round_id
    return Briefing(
        headline=fig,
        kpi=kpi,
        # at the baseline no KPI has moved yet: none is "behind target", whatever its status says
        decisions=decisions(moas, kpi.iloc[0:0] if is_baseline else kpi),
        by_desa=fetch("briefing_extreme_poor_by_desa", **params),
        is_baseline=is_baseline,
        open_moas=int(is_open.sum()),
        level=fetch("region_by_code", region=region)["level"].iloc[0],
        round_as_of=_round_date(fetch("monitoring_rounds"), round_id, as_of),
    )


def _round_date(rounds: pd.DataFrame, round_id: int, as_of: date) -> date:
    # as queries/macros.sql round_as_of: the end of the round's fieldwork, never after the dataset's date
    ended = rounds.loc[rounds["round_id"] == round_id, "ended_on"]
    return min(pd.Timestamp(ended.iloc[0]).date(), as_of) if len(ended) else as_of


def subheading(b: Briefing, lang: str, round_name: str, as_of: date) -> str:
    """Return the line under the title: the round (compared with the baseline unless it is the baseline) and which
    figures are counted to which date: households and coverage to the round's date, MoAs and budget to as_of."""
    key = "briefing.subheading.baseline" if b.is_baseline else "briefing.subheading"
    round_date = b.round_as_of or as_of
    return translate(
        key, lang, round=round_name, round_date=fmt_date(round_date, lang), date=fmt_date(as_of, lang)
    )


def primary_reasons(b: Briefing) -> dict[str, int]:
    """Return how many MoAs need a decision for each reason, each MoA under its most urgent reason only."""
    firsts = [reasons[0] for reasons in b.decisions["reasons"]] if len(b.decisions) else []
    return {reason: firsts.count(reason) for reason in DECISION_REASONS}


def heading(b: Briefing, lang: str, region_label: str) -> str:
    """Return the briefing's title: the Gubernur's at province level, the Bupati's below."""
    key = "briefing.heading.provinsi" if b.level == "provinsi" else "briefing.heading"
    return translate(key, lang, region=region_label)


def kpi_tally(kpi: pd.DataFrame) -> dict[str, int]:
    """Return the number of MoA KPI targets per status, in the order of sinergi.monitoring.kpi.STATUSES."""
    counts = kpi["status"].value_counts() if len(kpi) else pd.Series(dtype=int)
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def decisions(moas: pd.DataFrame, kpi: pd.DataFrame) -> pd.DataFrame:
    """Return the MoAs that need a decision, each with the tuple of reasons, ending soonest first.

    Behind target: an MoA active on the as-of date (or awaiting its renewal decision) with a KPI `belum_tercapai`."""
    behind = set(kpi.loc[kpi["status"] == "belum_tercapai", "moa_id"]) if len(kpi) else set()
    out = moas.copy()
    running = out["is_active"].astype(bool) | out["is_ended_undecided"].astype(bool)
    out["is_behind_target"] = out["moa_id"].isin(behind) & running
    flags = {
        "ending_soon": "is_ending_soon",
        "ended_undecided": "is_ended_undecided",
        "behind_target": "is_behind_target",
        "stuck": "is_stuck",
    }
    out["reasons"] = [
        tuple(reason for reason, col in flags.items() if bool(row[col])) for _, row in out.iterrows()
    ]
    out = out[out["reasons"].map(len) > 0]
    return out.sort_values(["ended_on", "moa_id"]).reset_index(drop=True)


def change_pct(before: float, after: float) -> float | None:
    """Return the change from before to after in percent of before (None when before is 0)."""
    return 100.0 * (after - before) / before if before else None


def tiles(b: Briefing, lang: str) -> list[Tile]:
    """Return the six headline tiles of the briefing, labelled and formatted in lang."""
    h, tally = b.headline, kpi_tally(b.kpi)
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731
    good = tally["tercapai"] + tally["sesuai_jalur"]
    measured = sum(tally.values()) - tally["tidak_terukur"]
    observed_delta = (
        None
        if b.is_baseline
        else t(
            "briefing.tile.since_baseline",
            change=fmt_change(h.observed_extreme_poor - h.baseline_extreme_poor, lang),
            pct=fmt_change(h.observed_change_pct, lang, 1, pct=True),
        )
    )
    return [
        Tile(
            t("briefing.tile.observed"),
            fmt_total(h.observed_extreme_poor, lang),
            observed_delta,
            "inverse",
            t("briefing.tile.observed_help"),
        ),
        Tile(
            t("briefing.tile.register"),
            fmt_total(h.extreme_poor_households, lang),
            t("briefing.tile.people", people=fmt_total(h.extreme_poor_people, lang)),
            "off",
            t("briefing.tile.register_help"),
        ),
        Tile(
            t("briefing.tile.reached"),
            fmt_pct(h.verified_targets_reached_pct, lang),
            t("briefing.tile.of_targets", targets=fmt_total(h.verified_targets, lang)),
            "off",
            t("briefing.tile.reached_help"),
        ),
        # at the baseline the KPIs have their starting values and nothing to compare them with yet
        Tile(
            t("briefing.tile.kpi_baseline"),
            fmt_number(len(b.kpi), lang),
            t("briefing.tile.kpi_from_next_round"),
            "off",
            t("briefing.tile.kpi_baseline_help"),
        )
        if b.is_baseline
        else Tile(
            t("briefing.tile.kpi"),
            t("briefing.tile.kpi_value", good=good, measured=measured),
            t("briefing.tile.kpi_behind", behind=tally["belum_tercapai"]),
            "off",
            t("briefing.tile.kpi_help"),
        ),
        Tile(
            t("briefing.tile.moa"),
            fmt_number(len(b.decisions), lang),
            t(
                "briefing.tile.moa_open",
                open=fmt_number(b.open_moas, lang),
                active=fmt_number(h.active_moa, lang),
            ),
            "off",
            t("briefing.tile.moa_help", stuck_days=fmt_number(STUCK_DAYS, lang)),
        ),
        Tile(
            t("briefing.tile.budget", year=h.budget_year or "–"),
            fmt_rupiah(h.budget_allocated_rp, lang),
            t("briefing.tile.budget_realised", pct=fmt_pct(h.budget_realised_pct, lang, 0)),
            "off",
            t("briefing.tile.budget_help"),
        ),
    ]


def summary_sentences(b: Briefing, lang: str) -> list[str]:
    """Return three sentences that say what changed: extreme-poor households, targets reached, KPIs and MoAs."""
    h, tally = b.headline, kpi_tally(b.kpi)
    t = lambda key, **v: translate(key, lang, **v)  # noqa: E731
    if b.is_baseline:
        first = t("briefing.sentence.baseline", count=fmt_total(h.observed_extreme_poor, lang))
    else:
        before, after = h.baseline_extreme_poor, h.observed_extreme_poor
        verb = "down" if after < before else ("up" if after > before else "same")
        first = t(
            f"briefing.sentence.poor_{verb}",
            before=fmt_total(before, lang),
            after=fmt_total(after, lang),
            pct=fmt_change(true_share(after - before, before), lang, 1, pct=True),
        )
    second = t(
        "briefing.sentence.reached",
        reached=fmt_total(h.verified_targets_reached, lang),
        targets=fmt_total(h.verified_targets, lang),
        pct=fmt_pct(h.verified_targets_reached_pct, lang),
    )
    parts = [
        t(f"briefing.tally.{reason}", count=count, days=STUCK_DAYS)
        for reason, count in primary_reasons(b).items()
        if count
    ]
    reasons = ", ".join(parts) if parts else "–"
    if b.is_baseline:
        third = t(
            "briefing.sentence.kpi_moa_baseline", total=len(b.kpi), moas=len(b.decisions), reasons=reasons
        )
    else:
        third = t(
            "briefing.sentence.kpi_moa",
            good=tally["tercapai"] + tally["sesuai_jalur"],
            total=sum(tally.values()) - tally["tidak_terukur"],
            behind=tally["belum_tercapai"],
            moas=len(b.decisions),
            reasons=reasons,
        )
    return [first, second, third]


def decision_rows(b: Briefing, lang: str) -> pd.DataFrame:
    """Return the decision list as display rows: MoA number, title, end date, stage and the reasons in words."""
    frame = b.decisions
    return pd.DataFrame(
        {
            "moa_number": [fmt_moa(i, n) for i, n in zip(frame["moa_id"], frame["moa_number"], strict=True)],
            "title": frame["title"],
            "ended_on": [fmt_date(d, lang) for d in frame["ended_on"]],
            "stage": frame["current_stage_no"].astype(int),
            "reasons": [
                "; ".join(translate(f"briefing.reason.{r}", lang, days=STUCK_DAYS) for r in rs)
                for rs in frame["reasons"]
            ],
        }
    )


def kpi_rows(b: Briefing, lang: str) -> pd.DataFrame:
    """Return the MoA KPI targets as rows: MoA, KPI name, baseline, round value, target, attainment and status."""
    kpi = b.kpi
    return pd.DataFrame(
        {
            "moa_id": kpi["moa_id"],
            "kpi": kpi[f"kpi_name_{lang}"],
            # protected counts stay Counts (shown by the breakdown rule); shares are rounded to one decimal
            "baseline": kpi["baseline_value"].map(lambda v: v if is_count(v) else round(v, 1)),
            "value": kpi["value"].map(lambda v: v if is_count(v) else round(v, 1)),
            "target": kpi["target_value"],
            # a band for a count KPI of a role without by-name access (rule 8) is shown as the band
            # object dtype: a Series of floats would turn each Band back into a plain float ("100 %", not "≥ 100 %")
            "attainment": pd.Series(
                [a if is_band(a) or a != a else round(a, 0) for a in kpi["attainment_pct"]],
                index=kpi.index,
                dtype=object,
            ),
            "status": [translate(STATUS_LABEL_KEYS[s], lang) for s in kpi["status"]],
        }
    )


def decision_lines(b: Briefing, lang: str) -> list[str]:
    """Return one Markdown line per MoA needing a decision: number, title, end date and reasons."""
    return [
        translate(
            "briefing.decision_line",
            lang,
            number=plain(row.moa_number),
            title=plain(row.title),
            date=row.ended_on,
            reasons=row.reasons,
        )
        for row in decision_rows(b, lang).itertuples(index=False)
    ]
