"""Partners and MoAs of the national-shape demo, ~3,000 MoAs in seconds.

The rules are those of sinergi.data.demo.partners and .programs (same periods, stages, target choice, parties and
contributions); only the lookups change: per-kabupaten arrays and dictionaries instead of a pandas filter per MoA,
which would take minutes at national scale. Partners working nation-wide appear once.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS
from sinergi.data.demo import programs
from sinergi.data.demo.catalogue import EXTERNAL_PARTNERS, HUB_AGENCIES, SECTOR_THEMES, UNIT_OF_KIND

HUB_FOR = {
    "pangan": "dinas_pertanian",
    "energi": "dinas_esdm",
    "kesehatan": "dinas_kesehatan",
    "umkm": "dinas_umkm",
}


def national_partners(
    kabupaten: pd.DataFrame, desa: pd.DataFrame, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return partners (five agencies, two village governments and a facilitators' forum per kabupaten, and the
    nation-wide firms, BUMN, universities and NGOs) and their capacities."""
    rows: list[dict] = []
    caps: list[tuple] = []

    def add(name: str, ptype: str, kab: str | None, hub: str | None, sectors, kinds, desc: str) -> None:
        pid = f"MTR-{len(rows) + 1:05d}"
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:18]
        rows.append(
            {
                "partner_id": pid,
                "name": name,
                "partner_type": ptype,
                "kabupaten_code": kab,
                "hub_role": hub,
                "description": desc,
                "contact_email": f"info@{slug}.contoh.id",
            }
        )
        levels = rng.integers(1, 4, len(sectors) * len(kinds))
        caps.extend(
            (pid, s, k, int(lv))
            for (s, k), lv in zip(((s, k) for s in sectors for k in kinds), levels, strict=True)
        )

    desa_names = desa.groupby("kabupaten_code")["name"].agg(list)
    for kab in kabupaten.itertuples():
        for hub, (agency, sectors, kinds) in HUB_AGENCIES.items():
            add(
                f"{agency} {kab.region_type.capitalize()} {kab.name}",
                "opd",
                kab.region_code,
                hub,
                sectors,
                kinds,
                f"Perangkat daerah {kab.name}; anggota simpul koordinasi penghapusan kemiskinan ekstrem.",
            )
        for name in rng.choice(desa_names[kab.region_code], 2, replace=False):
            add(
                f"Pemerintah Desa {name}",
                "pemdes",
                kab.region_code,
                None,
                ("pangan", "umkm"),
                ("pendampingan", "pendanaan"),
                f"Pemerintah desa; menyalurkan Dana Desa dan BLT-DD di {name}.",
            )
        add(
            f"Forum Pendamping Desa {kab.name}",
            "komunitas",
            kab.region_code,
            None,
            SECTORS,
            ("pendampingan",),
            "Jaringan pendamping lokal yang membantu verifikasi lapangan dan pemantauan.",
        )
    for name, ptype, sectors, kinds in EXTERNAL_PARTNERS:
        add(name, ptype, None, None, sectors, kinds, f"Mitra {ptype} yang bekerja di banyak provinsi.")
    capacity = pd.DataFrame(
        caps, columns=["partner_id", "sector_code", "contribution_kind", "capacity_level"]
    )
    return pd.DataFrame(rows), capacity


class _Lookups:
    """Everything one MoA needs, indexed once for the whole country."""

    def __init__(self, need, verified_poor, partner, caps) -> None:
        self.desa_code = need["desa_code"].to_numpy(dtype=object)
        self.weight = (need["extreme_rate"] * need["households_count"]).to_numpy(dtype=float)
        self.need_rows = need.groupby("kabupaten_code").indices
        self.sector_rank = {s: need.groupby("kabupaten_code")[s].rank(pct=True).to_numpy() for s in SECTORS}
        self.poor = verified_poor.groupby("desa_code")["household_id"].agg(list).to_dict()
        agencies = partner[partner["partner_type"] == "opd"]
        self.agency = dict(
            zip(
                zip(agencies["kabupaten_code"], agencies["hub_role"], strict=True),
                agencies["partner_id"],
                strict=True,
            )
        )
        self.offers = caps.groupby(["partner_id", "sector_code"])["contribution_kind"].agg(list).to_dict()
        ext = partner[partner["kabupaten_code"].isna()]
        self.external_type = dict(zip(ext["partner_id"], ext["partner_type"], strict=True))
        self.external_sectors = {p: {s for (q, s) in self.offers if q == p} for p in ext["partner_id"]}


def national_moas(
    profile, food, energy, health, umkm, verified_poor, partner, caps, kabupaten, rng: np.random.Generator
) -> programs.Programs:
    """Return MoAs at every stage per kabupaten, with parties, sectors, target desa and households, contributions."""
    look = _Lookups(programs._sector_need(profile, food, energy, health, umkm), verified_poor, partner, caps)
    out: dict[str, list] = {k: [] for k in ("moa", "party", "sector", "stage", "tdesa", "thh", "contrib")}
    effects: dict[str, float] = {}
    for kab in kabupaten.itertuples():
        rows = look.need_rows[kab.region_code]
        base = look.weight[rows]
        already = np.ones(len(rows))
        for seq, period in enumerate(programs._moa_periods(rng, int(rng.integers(5, 8))), start=1):
            moa_id = f"MOA-{kab.region_code_nodot}{seq:02d}"
            main = SECTORS[int(rng.integers(0, 4))]
            secs = list(
                dict.fromkeys([main] + ([SECTORS[int(rng.integers(0, 4))]] if rng.random() < 0.35 else []))
            )
            theme = SECTOR_THEMES[main][int(rng.integers(0, len(SECTOR_THEMES[main])))]
            score = base * (1 + look.sector_rank[main][rows]) * already * rng.uniform(0.3, 1.7, len(rows))
            chosen = np.argsort(-score, kind="stable")[: int(rng.integers(4, 11))]
            already[chosen] *= 0.3
            target_desa = look.desa_code[rows[chosen]].tolist()
            stage_no, signed_on = programs._stage_of(period, rng)
            status = period["status"] if stage_no >= 5 else "draft"
            effect = 0.0
            if stage_no >= 6 and period["started_on"] < date(2026, 6, 1):
                effect = float(
                    np.clip(rng.beta(2.2, 2.0) * (0.35 if status == "dihentikan" else 1.0), 0.02, 1)
                )
            effects[moa_id] = effect
            decided = status in ("berakhir", "dihentikan")
            out["moa"].append(
                {
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
                        period["ended_on"] - timedelta(days=20)
                        if period["renewal_decision"] and decided
                        else None
                    ),
                    "current_stage_no": stage_no,
                }
            )
            out["stage"] += programs._stage_dates(moa_id, stage_no, signed_on, period["started_on"], rng)
            out["sector"] += [{"moa_id": moa_id, "sector_code": s} for s in secs]
            out["tdesa"] += [{"moa_id": moa_id, "desa_code": d} for d in target_desa]
            if stage_no >= 4:
                pool = [h for d in target_desa for h in look.poor.get(d, [])]
                picked = rng.choice(len(pool), min(len(pool), int(rng.integers(150, 450))), replace=False)
                out["thh"] += [{"moa_id": moa_id, "household_id": pool[i]} for i in picked]
            parties = _parties(moa_id, kab.region_code, secs, look, rng)
            out["party"] += parties
            if stage_no >= 5:
                out["contrib"] += _contributions(moa_id, parties, secs, look, stage_no, effect, rng)
    moa = pd.DataFrame(out["moa"])
    programs._link_renewals(moa)
    return programs.Programs(
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


def _contributions(moa_id, parties, secs, look: _Lookups, stage_no, effect, rng) -> list[dict]:
    rows = []
    for party in parties:
        offered = list(dict.fromkeys(k for s in secs for k in look.offers.get((party["partner_id"], s), [])))
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
                    "partner_id": party["partner_id"],
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
