"""MoAs of the demo, for both shapes (parties, sectors, stages, target desa and households) and contributions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS, VERIFIED_STATUSES
from sinergi.data.demo.catalogue import SECTOR_THEMES, UNIT_OF_KIND
from sinergi.data.demo.shapes import PROVINCE, Shape

AS_OF = date(2026, 10, 31)
# The agency that carries out an MoA's work in each sector.
HUB_FOR = {
    "pangan": "dinas_pertanian",
    "energi": "dinas_esdm",
    "kesehatan": "dinas_kesehatan",
    "umkm": "dinas_umkm",
}


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


class _Lookups:
    """Everything one MoA needs, indexed once for all kabupaten (a pandas filter per MoA would take minutes at
    national scale)."""

    def __init__(self, need, verified_poor, partner, caps) -> None:
        self.desa_code = need["desa_code"].to_numpy(dtype=object)
        self.weight = (need["extreme_rate"] * need["households_count"]).to_numpy(dtype=float)
        self.need_rows = need.groupby("kabupaten_code").indices
        self.sector_rank = {s: need.groupby("kabupaten_code")[s].rank(pct=True).to_numpy() for s in SECTORS}
        self.poor_id = verified_poor["household_id"].to_numpy()
        self.poor_rows = verified_poor.groupby("desa_code").indices  # register positions per desa, ascending
        agencies = partner[partner["partner_type"] == "opd"]
        keys = zip(agencies["kabupaten_code"], agencies["hub_role"], strict=True)
        self.agency = dict(zip(keys, agencies["partner_id"], strict=True))
        self.offers = caps.groupby(["partner_id", "sector_code"])["contribution_kind"].agg(list).to_dict()
        self.partner_sectors = caps.groupby("partner_id")["sector_code"].agg(lambda s: list(dict.fromkeys(s)))
        ext = partner[partner["kabupaten_code"].isna()]
        self.external_type = dict(zip(ext["partner_id"], ext["partner_type"], strict=True))
        self.external_sectors = {p: {s for (q, s) in self.offers if q == p} for p in ext["partner_id"]}


def verified_poor(households: pd.DataFrame) -> pd.DataFrame:
    """Return the verified extreme-poor households (decile 1, confirmed or added by the village meeting)."""
    return households[
        (households["welfare_decile"] == 1) & households["verification_status"].isin(VERIFIED_STATUSES)
    ]


def make_moas(
    profile,
    food,
    energy,
    health,
    umkm,
    poor,
    partner,
    caps,
    kabupaten,
    rng: np.random.Generator,
    shape: Shape = PROVINCE,
) -> Programs:
    """Return MoAs at every stage per kabupaten, with parties, sectors, target desa and households (from `poor`,
    the verified extreme poor), and contributions."""
    look = _Lookups(_sector_need(profile, food, energy, health, umkm), poor, partner, caps)
    out: dict[str, list] = {k: [] for k in ("moa", "party", "sector", "stage", "tdesa", "thh", "contrib")}
    effects: dict[str, float] = {}
    for kab_no, kab in enumerate(kabupaten.itertuples(), start=1):
        rows = look.need_rows[kab.region_code]
        base = look.weight[rows]
        already = np.ones(len(rows))
        for seq, period in enumerate(_moa_periods(rng, int(rng.integers(5, 8))), start=1):
            moa_id = f"MOA-{kab.region_code_nodot if shape.moa_id_from_code else f'{kab_no:02d}'}{seq:02d}"
            main = SECTORS[int(rng.integers(0, 4))]
            secs = list(
                dict.fromkeys([main] + ([SECTORS[int(rng.integers(0, 4))]] if rng.random() < 0.35 else []))
            )
            theme = SECTOR_THEMES[main][int(rng.integers(0, len(SECTOR_THEMES[main])))]
            score = base * (1 + look.sector_rank[main][rows]) * already * rng.uniform(0.3, 1.7, len(rows))
            # partners spread out: a desa already targeted by an earlier MoA is less likely to be picked again
            chosen = np.argsort(-score, kind="stable")[: int(rng.integers(4, 11))]
            already[chosen] *= 0.3
            target_desa = look.desa_code[rows[chosen]].tolist()
            stage_no, signed_on = _stage_of(period, rng)
            status = period["status"] if stage_no >= 5 else "draft"
            effect = 0.0
            if stage_no >= 6 and period["started_on"] < date(2026, 6, 1):
                effect = float(
                    np.clip(rng.beta(2.2, 2.0) * (0.35 if status == "dihentikan" else 1.0), 0.02, 1)
                )
            effects[moa_id] = effect
            out["moa"].append(
                _moa_row(moa_id, seq, kab, theme, period, status, signed_on, stage_no, target_desa)
            )
            out["stage"] += _stage_dates(moa_id, stage_no, signed_on, period["started_on"], rng)
            out["sector"] += [{"moa_id": moa_id, "sector_code": s} for s in secs]
            out["tdesa"] += [{"moa_id": moa_id, "desa_code": d} for d in target_desa]
            if stage_no >= 4:
                pool = _household_pool(look, target_desa, shape)
                picked = rng.choice(len(pool), min(len(pool), int(rng.integers(150, 450))), replace=False)
                out["thh"] += [{"moa_id": moa_id, "household_id": look.poor_id[pool[i]]} for i in picked]
            parties = _parties(moa_id, kab.region_code, secs, look, rng)
            out["party"] += parties
            if stage_no >= 5:
                out["contrib"] += _contributions(moa_id, parties, secs, look, stage_no, effect, rng, shape)
    moa = pd.DataFrame(out["moa"])
    _link_renewals(moa)
    return Programs(
        partner=partner,
        partner_capacity=caps,
        moa=moa,
        moa_party=pd.DataFrame(out["party"]),
        moa_sector=pd.DataFrame(out["sector"]),
        moa_stage=pd.DataFrame(out["stage"]),
        moa_target_desa=pd.DataFrame(out["tdesa"]),
        moa_target_household=pd.DataFrame(out["thh"]).drop_duplicates(),
        contribution=pd.DataFrame(out["contrib"]),
        effect=pd.Series(effects),
    )


def _moa_row(moa_id, seq, kab, theme, period, status, signed_on, stage_no, target_desa) -> dict:
    decided = status in ("berakhir", "dihentikan")
    return {
        "moa_id": moa_id,
        "moa_number": f"{seq:03d}/NK-KE/{kab.region_code_nodot}/{period['started_on'].year}",
        "title": f"{theme} di {kab.region_type.capitalize()} {kab.name}",
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
        "renewal_decision": period["renewal_decision"] if decided else None,
        "renewal_decided_on": (
            period["ended_on"] - timedelta(days=20) if period["renewal_decision"] and decided else None
        ),
        "current_stage_no": stage_no,
    }


def _household_pool(look: _Lookups, target_desa: list[str], shape: Shape) -> np.ndarray:
    """Return the register positions of the verified poor of the target desa, in the order the shape draws from."""
    parts = [look.poor_rows[d] for d in target_desa if d in look.poor_rows]
    pool = np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)
    return pool if shape.pool_in_target_order else np.sort(pool)


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


def _parties(moa_id: str, kab: str, secs: list[str], look: _Lookups, rng: np.random.Generator) -> list[dict]:
    rows = [{"moa_id": moa_id, "partner_id": look.agency[(kab, "bappeda")], "party_role": "koordinator"}]
    rows += [
        {"moa_id": moa_id, "partner_id": look.agency[(kab, HUB_FOR[s])], "party_role": "pelaksana"}
        for s in secs
    ]
    fitting = [p for p, s in look.external_sectors.items() if s & set(secs)]
    picked = rng.choice(len(fitting), min(len(fitting), int(rng.integers(1, 4))), replace=False)
    roles = ["pendana", "pelaksana", "pendamping"]
    for i, j in enumerate(picked):
        p = fitting[j]
        role = "pemantau" if look.external_type[p] == "universitas" else roles[i % 3]
        rows.append({"moa_id": moa_id, "partner_id": p, "party_role": role})
    return list({r["partner_id"]: r for r in rows}.values())


def _contributions(moa_id, parties, secs, look: _Lookups, stage_no, effect, rng, shape: Shape) -> list[dict]:
    rows = []
    for party in parties:
        pid = party["partner_id"]
        order = (
            secs if shape.kinds_in_moa_order else [s for s in look.partner_sectors.get(pid, []) if s in secs]
        )
        offered = list(dict.fromkeys(k for s in order for k in look.offers.get((pid, s), [])))
        offered = offered or ["pendampingan"]
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
                    "partner_id": pid,
                    "contribution_kind": str(kind),
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
