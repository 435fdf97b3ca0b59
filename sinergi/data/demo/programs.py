"""Partners, MoAs (parties, sectors, stages, targets), contributions and KPI definitions for the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS, VERIFIED_STATUSES
from sinergi.data.demo.catalogue import SECTOR_THEMES, UNIT_OF_KIND

AS_OF = date(2026, 10, 31)


@dataclass
class Programs:
    partner: pd.DataFrame
    partner_capacity: pd.DataFrame
    moa: pd.DataFrame
    moa_party: pd.DataFrame
    moa_sector: pd.DataFrame
    moa_stage: pd.DataFrame
    moa_target_desa: pd.DataFrame
    moa_target_household: pd.DataFrame
    contribution: pd.DataFrame
    effect: pd.Series  # moa_id -> effectiveness 0-1 on its targets at endline


def _sector_need(
    profile: pd.DataFrame, food: pd.DataFrame, energy: pd.DataFrame, health: pd.DataFrame, umkm: pd.DataFrame
) -> pd.DataFrame:
    s = profile[["desa_code", "kabupaten_code", "extreme_rate", "households_count"]].copy()
    s["pangan"] = s["desa_code"].map(food.groupby("desa_code")["potential_score"].max()).fillna(0)
    s["energi"] = (
        s["desa_code"]
        .map(energy.groupby("desa_code")["households_without_electricity_count"].first())
        .fillna(0)
    )
    s["kesehatan"] = (
        s["desa_code"]
        .map(health[health["year"] == health["year"].max()].set_index("desa_code")["need_score"])
        .fillna(0)
    )
    s["umkm"] = s["desa_code"].map(umkm.groupby("desa_code")["producers_extreme_poor_count"].sum()).fillna(0)
    return s


def _moa_periods(rng: np.random.Generator, count: int) -> list[dict]:
    """Return period and status of each MoA of a kabupaten: a spread from long ended to draft."""
    templates = [
        ("berakhir", date(2024, 1, 15), 24, "diperpanjang"),
        ("berakhir", date(2024, 3, 1), 30, None),
        ("dihentikan", date(2024, 6, 1), 24, "dihentikan"),
        ("aktif", date(2025, 1, 10), 24, None),
        ("aktif", date(2024, 12, 1), 24, None),
        ("aktif", date(2025, 2, 1), 22, None),
        ("draft", date(2027, 1, 1), 24, None),
        ("aktif", date(2026, 4, 1), 18, None),
    ]
    order = rng.permutation(len(templates))[:count]
    out = []
    for i in sorted(order):
        status, start, months, decision = templates[i]
        start = start + timedelta(days=int(rng.integers(-20, 40)))
        end = start + timedelta(days=int(months * 30.4))
        out.append({"status": status, "started_on": start, "ended_on": end, "renewal_decision": decision})
    return out


def make_moas(profile, food, energy, health, umkm, households, partners, caps, kabupaten, rng) -> Programs:
    """Return MoAs at every stage, with parties, sectors, target desa and households, and contributions."""
    need = _sector_need(profile, food, energy, health, umkm)
    verified_poor = households[
        (households["welfare_decile"] == 1) & households["verification_status"].isin(VERIFIED_STATUSES)
    ]
    externals = partners[partners["kabupaten_code"].isna()]
    rows, parties, sectors, stages, tdesa, thh, contribs, effects = [], [], [], [], [], [], [], {}
    for kab_no, kab in enumerate(kabupaten.itertuples(), start=1):
        kab_need = need[need["kabupaten_code"] == kab.region_code]
        already = pd.Series(1.0, index=kab_need.index)
        agencies = partners[
            (partners["kabupaten_code"] == kab.region_code) & (partners["partner_type"] == "opd")
        ]
        for seq, period in enumerate(_moa_periods(rng, int(rng.integers(5, 8))), start=1):
            moa_id = f"MOA-{kab_no:02d}{seq:02d}"
            main = SECTORS[int(rng.integers(0, 4))]
            secs = [main] + ([SECTORS[int(rng.integers(0, 4))]] if rng.random() < 0.35 else [])
            secs = list(dict.fromkeys(secs))
            theme = SECTOR_THEMES[main][int(rng.integers(0, len(SECTOR_THEMES[main])))]
            score = (
                kab_need["extreme_rate"] * kab_need["households_count"] * (1 + kab_need[main].rank(pct=True))
            )
            # partners spread out: a desa already targeted by an earlier MoA is less likely to be picked again
            chosen = kab_need.assign(s=score * already * rng.uniform(0.3, 1.7, len(kab_need))).nlargest(
                int(rng.integers(4, 11)), "s"
            )
            already[chosen.index] *= 0.3
            target_desa = chosen["desa_code"].tolist()
            stage_no, signed_on = _stage_of(period, rng)
            status = period["status"] if stage_no >= 5 else "draft"
            effect = 0.0
            if stage_no >= 6 and period["started_on"] < date(2026, 6, 1):
                effect = float(
                    np.clip(rng.beta(2.2, 2.0) * (0.35 if status == "dihentikan" else 1.0), 0.02, 1)
                )
            effects[moa_id] = effect
            rows.append(
                {
                    "moa_id": moa_id,
                    "moa_number": f"{seq:03d}/NK-KE/{kab.region_code_nodot}/{period['started_on'].year}",
                    "title": f"{theme} di Kabupaten {kab.name}",
                    "kabupaten_code": kab.region_code,
                    "scope": f"{theme} bagi rumah tangga miskin ekstrem di {len(target_desa)} desa sasaran.",
                    "resources": "Dana CSR dan APBD, tenaga pendamping lapangan, peralatan produksi, akses pasar.",
                    "action_plan": "1) pendataan dan verifikasi; 2) pelatihan; 3) bantuan alat; 4) pendampingan usaha; "
                    "5) pemantauan baseline dan endline.",
                    "status": status,
                    "signed_on": signed_on,
                    "started_on": period["started_on"],
                    "ended_on": period["ended_on"],
                    "renewal_of_moa_id": None,
                    "renewal_decision": period["renewal_decision"]
                    if status in ("berakhir", "dihentikan")
                    else None,
                    "renewal_decided_on": (
                        period["ended_on"] - timedelta(days=20)
                        if period["renewal_decision"] and status in ("berakhir", "dihentikan")
                        else None
                    ),
                    "current_stage_no": stage_no,
                }
            )
            stages += _stage_dates(moa_id, stage_no, signed_on, period["started_on"], rng)
            sectors += [{"moa_id": moa_id, "sector_code": s} for s in secs]
            tdesa += [{"moa_id": moa_id, "desa_code": d} for d in target_desa]
            if stage_no >= 4:
                pool = verified_poor[verified_poor["desa_code"].isin(target_desa)]
                picked = pool.sample(min(len(pool), int(rng.integers(150, 450))), random_state=rng)
                thh += [{"moa_id": moa_id, "household_id": h} for h in picked["household_id"]]
            moa_parties = _parties(moa_id, secs, agencies, externals, caps, rng)
            parties += moa_parties
            if stage_no >= 5:
                contribs += _contributions(moa_id, moa_parties, secs, caps, stage_no, effect, rng)
    moa = pd.DataFrame(rows)
    _link_renewals(moa)
    return Programs(
        partner=partners,
        partner_capacity=caps,
        moa=moa,
        moa_party=pd.DataFrame(parties),
        moa_sector=pd.DataFrame(sectors),
        moa_stage=pd.DataFrame(stages),
        moa_target_desa=pd.DataFrame(tdesa),
        moa_target_household=pd.DataFrame(thh).drop_duplicates(),
        contribution=pd.DataFrame(contribs),
        effect=pd.Series(effects),
    )


def _stage_of(period: dict, rng: np.random.Generator) -> tuple[int, date | None]:
    if period["status"] == "draft":
        return int(rng.integers(1, 5)), None
    signed = period["started_on"] - timedelta(days=int(rng.integers(10, 45)))
    if period["started_on"] > date(2026, 3, 1):
        return 6, signed
    return 7, signed


def _stage_dates(moa_id: str, stage_no: int, signed_on, started_on: date, rng) -> list[dict]:
    anchor = signed_on or (AS_OF - timedelta(days=int(rng.integers(20, 260))))
    # stages 1-5 lead up to the signing; 6 follows the start; 7 comes with the endline round
    dates = {5: anchor}
    for s in (4, 3, 2, 1):
        dates[s] = dates[s + 1] - timedelta(days=int(rng.integers(14, 70)))
    if signed_on is None:
        shift = dates[stage_no] - anchor if stage_no < 5 else timedelta(0)
        dates = {s: d - shift for s, d in dates.items()}
    dates[6] = started_on + timedelta(days=int(rng.integers(15, 60)))
    dates[7] = date(2026, 8, 3) + timedelta(days=int(rng.integers(0, 50)))
    return [{"moa_id": moa_id, "stage_no": s, "reached_on": dates[s]} for s in range(1, stage_no + 1)]


def _parties(moa_id, secs, agencies, externals, caps, rng) -> list[dict]:
    rows = [
        {
            "moa_id": moa_id,
            "partner_id": agencies[agencies["hub_role"] == "bappeda"]["partner_id"].iloc[0],
            "party_role": "koordinator",
        }
    ]
    hub_for = {
        "pangan": "dinas_pertanian",
        "energi": "dinas_esdm",
        "kesehatan": "dinas_kesehatan",
        "umkm": "dinas_umkm",
    }
    for s in secs:
        rows.append(
            {
                "moa_id": moa_id,
                "partner_id": agencies[agencies["hub_role"] == hub_for[s]]["partner_id"].iloc[0],
                "party_role": "pelaksana",
            }
        )
    fitting = externals[externals["partner_id"].isin(caps.loc[caps["sector_code"].isin(secs), "partner_id"])]
    pool = fitting.sample(min(len(fitting), int(rng.integers(1, 4))), random_state=rng)
    roles = ["pendana", "pelaksana", "pendamping", "pemantau"]
    for i, p in enumerate(pool.itertuples()):
        role = "pemantau" if p.partner_type == "universitas" else roles[i % 3]
        rows.append({"moa_id": moa_id, "partner_id": p.partner_id, "party_role": role})
    return list({r["partner_id"]: r for r in rows}.values())


def _contributions(moa_id, moa_parties, secs, caps, stage_no, effect, rng) -> list[dict]:
    rows = []
    for party in moa_parties:
        offered = caps.loc[
            (caps["partner_id"] == party["partner_id"]) & caps["sector_code"].isin(secs), "contribution_kind"
        ].unique()
        offered = offered if len(offered) else np.array(["pendampingan"])
        kinds = rng.choice(offered, min(len(offered), int(rng.integers(1, 4))), replace=False)
        for kind in kinds:
            unit = UNIT_OF_KIND[kind]
            pledged = float(rng.integers(50, 2_000_000_000) if unit == "rupiah" else rng.integers(5, 400))
            done = pledged * np.clip(
                (0.35 if stage_no < 7 else 0.6) + 0.5 * effect + rng.normal(0, 0.12), 0, 1.1
            )
            value = int(pledged if unit == "rupiah" else pledged * rng.integers(500_000, 5_000_000))
            rows.append(
                {
                    "contribution_id": f"KTB-{moa_id[4:]}-{len(rows) + 1:02d}",
                    "moa_id": moa_id,
                    "partner_id": party["partner_id"],
                    "contribution_kind": kind,
                    "sector_code": secs[int(rng.integers(0, len(secs)))],
                    "unit": unit,
                    "pledged_volume": round(pledged, 0),
                    "realised_volume": round(float(done), 0),
                    "pledged_value_rp": value,
                    "realised_value_rp": int(value * done / pledged),
                }
            )
    return rows


def _link_renewals(moa: pd.DataFrame) -> None:
    """An ended MoA whose decision was to renew is followed by the kabupaten's next MoA starting after it."""
    for _, row in moa[moa["renewal_decision"] == "diperpanjang"].iterrows():
        later = moa[
            (moa["kabupaten_code"] == row["kabupaten_code"])
            & (moa["started_on"] > row["started_on"])
            & (moa["status"].isin(["aktif"]))
            & moa["renewal_of_moa_id"].isna()
        ]
        if len(later):
            j = later.index[0]
            moa.loc[j, "renewal_of_moa_id"] = row["moa_id"]
            moa.loc[j, "status"] = "diperpanjang"
            moa.loc[j, "title"] = row["title"] + " (lanjutan)"
