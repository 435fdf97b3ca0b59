"""KPI targets, interventions, budget allocations and agency program history for the demo."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS
from sinergi.data.demo.catalogue import SECTOR_THEMES
from sinergi.data.demo.households import ROUNDS
from sinergi.data.demo.programs import Programs


def kpi_values(observations: pd.DataFrame, households: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return measured KPI values per MoA and round over its target households (the KPI definitions in pandas)."""
    obs = targets.merge(observations, on="household_id").merge(
        households[["household_id", "mothers_children_count"]], on="household_id"
    )
    line = obs["round_id"].map(ROUNDS.set_index("round_id")["poverty_line_rp_per_capita_day"])
    obs["poor"] = obs["expenditure_rp_per_capita_day"] < line
    obs["mc_access"] = obs["mothers_children_count"] * (
        obs["health_facility_access"] & obs["sanitation_access"]
    )
    g = obs.groupby(["moa_id", "round_id"])
    out = pd.DataFrame(
        {
            "penurunan_miskin_ekstrem": 100 * g["poor"].mean(),
            "lapangan_kerja": g["new_jobs_count"].sum(),
            "kegiatan_ekonomi": g["business_started"].sum(),
            "akses_kesehatan_sanitasi": g["mc_access"].sum(),
            "kematian": g["deaths_count"].sum(),
        }
    )
    for s in SECTORS:
        out[f"pelatihan_{s}"] = (
            obs.assign(t=obs["trained_people_count"] * (obs["trained_sector"] == s))
            .groupby(["moa_id", "round_id"])["t"]
            .sum()
        )
    return out.reset_index().melt(id_vars=["moa_id", "round_id"], var_name="kpi_code", value_name="value")


def kpi_targets(programs: Programs, values: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return targets per MoA: ambitious enough that strong MoAs meet them and weak ones miss."""
    rows = []
    wide = values.pivot_table(index=["moa_id", "kpi_code"], columns="round_id", values="value").reset_index()
    sectors = programs.moa_sector.groupby("moa_id")["sector_code"].apply(set)
    moa = programs.moa.set_index("moa_id")
    for r in wide.itertuples():
        code, secs = r.kpi_code, sectors[r.moa_id]
        if code.startswith("pelatihan_") and code.split("_", 1)[1] not in secs:
            continue
        if code == "akses_kesehatan_sanitasi" and "kesehatan" not in secs:
            continue
        base, end = float(r._3), float(getattr(r, "_4", np.nan))
        if code == "penurunan_miskin_ekstrem":
            target = base * rng.uniform(0.45, 0.75)
        elif code == "kematian":
            target = max(0.0, np.floor(base * rng.uniform(0.3, 0.7)))
        else:
            gain = max(end - base if np.isfinite(end) else 0, 0) * rng.uniform(0.75, 1.45)
            target = base + max(gain, 10.0)
        rows.append(
            {
                "moa_id": r.moa_id,
                "kpi_code": code,
                "baseline_value": round(base, 1),
                "target_value": round(target, 1)
                if code == "penurunan_miskin_ekstrem"
                else float(np.round(target)),
                "deadline_on": moa.loc[r.moa_id, "ended_on"],
            }
        )
    return pd.DataFrame(rows)


def _household_bansos(hh: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    programs = [
        ("receives_pkh", "bansos", "kurangi_beban", "PKH", "kesehatan", 3_000_000),
        ("receives_bpnt", "bansos", "kurangi_beban", "BPNT/Sembako", "pangan", 2_400_000),
        ("receives_pbi_jkn", "bansos", "kurangi_beban", "PBI-JKN", "kesehatan", 504_000),
        ("receives_blt_dd", "dana_desa", "kurangi_beban", "BLT Dana Desa", None, 3_600_000),
        ("receives_kur", "bansos", "tingkatkan_pendapatan", "KUR Mikro", "umkm", 10_000_000),
    ]
    frames = []
    for flag, source, strategy, program, sector, amount in programs:
        sel = hh[hh[flag]]
        frames.append(
            pd.DataFrame(
                {
                    "source": source,
                    "strategy": strategy,
                    "program": program,
                    "sector_code": sector,
                    "partner_id": None,
                    "moa_id": None,
                    "household_id": sel["household_id"].to_numpy(),
                    "desa_code": sel["desa_code"].to_numpy(),
                    "given_on": np.datetime64("2025-01-15")
                    + rng.integers(0, 600, len(sel)).astype("timedelta64[D]"),
                    "amount_rp": amount,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def interventions(hh: pd.DataFrame, programs: Programs, rng: np.random.Generator) -> pd.DataFrame:
    """Return interventions from every source; overlaps are common and some poor families get nothing."""
    frames = [_household_bansos(hh, rng)]
    t = programs.moa_target_household.merge(programs.moa_sector, on="moa_id").drop_duplicates(
        "household_id", keep="first"
    )
    t = t.merge(hh[["household_id", "desa_code"]], on="household_id").merge(
        programs.moa_party[programs.moa_party["party_role"].isin(["pelaksana", "pendana"])].drop_duplicates(
            "moa_id", keep="last"
        ),
        on="moa_id",
    )
    t = t.merge(programs.moa[["moa_id", "started_on"]], on="moa_id")
    frames.append(
        pd.DataFrame(
            {
                "source": "kolaborasi",
                "strategy": "tingkatkan_pendapatan",
                "program": t["sector_code"].map(lambda s: SECTOR_THEMES[s][0]),
                "sector_code": t["sector_code"],
                "partner_id": t["partner_id"],
                "moa_id": t["moa_id"],
                "household_id": t["household_id"],
                "desa_code": t["desa_code"],
                "given_on": pd.to_datetime(t["started_on"])
                + pd.to_timedelta(rng.integers(30, 300, len(t)), unit="D"),
                "amount_rp": rng.integers(15, 120, len(t)) * 100_000,
            }
        )
    )
    externals = programs.partner[programs.partner["partner_type"].isin(["swasta", "bumn"])][
        "partner_id"
    ].to_numpy()
    agencies = programs.partner[programs.partner["partner_type"] == "opd"]
    pool = hh[hh["welfare_decile"] <= 2]
    csr = pool.sample(frac=0.05, random_state=rng)
    opd = pool.sample(frac=0.12, random_state=rng)
    opd_agency = opd.merge(agencies[["partner_id", "kabupaten_code", "hub_role"]], on="kabupaten_code")
    opd_agency = (
        opd_agency[opd_agency["hub_role"] != "bappeda"].groupby("household_id").sample(1, random_state=rng)
    )
    hub_sector = {
        "dinas_umkm": "umkm",
        "dinas_esdm": "energi",
        "dinas_kesehatan": "kesehatan",
        "dinas_pertanian": "pangan",
    }
    for source, sel, partner, sector in [
        ("csr", csr, rng.choice(externals, len(csr)), rng.choice(SECTORS, len(csr))),
        (
            "program_opd",
            opd_agency,
            opd_agency["partner_id"].to_numpy(),
            opd_agency["hub_role"].map(hub_sector),
        ),
    ]:
        frames.append(
            pd.DataFrame(
                {
                    "source": source,
                    "strategy": rng.choice(["kurangi_beban", "tingkatkan_pendapatan"], len(sel)),
                    "program": [
                        f"{SECTOR_THEMES[s][-1]} ({source.upper().replace('_', ' ')})" for s in sector
                    ],
                    "sector_code": np.asarray(sector),
                    "partner_id": partner,
                    "moa_id": None,
                    "household_id": sel["household_id"].to_numpy(),
                    "desa_code": sel["desa_code"].to_numpy(),
                    "given_on": np.datetime64("2025-03-01")
                    + rng.integers(0, 520, len(sel)).astype("timedelta64[D]"),
                    "amount_rp": rng.integers(5, 60, len(sel)) * 100_000,
                }
            )
        )
    desa = hh.groupby("desa_code").size().sample(frac=0.25, random_state=rng).index.to_numpy()
    frames.append(
        pd.DataFrame(
            {
                "source": rng.choice(["dana_desa", "program_opd", "csr"], len(desa)),
                "strategy": "kantong_kemiskinan",
                "program": rng.choice(
                    ["Jalan usaha tani", "Sarana air bersih", "MCK komunal", "PLTS komunal"], len(desa)
                ),
                "sector_code": rng.choice(["pangan", "kesehatan", "kesehatan", "energi"], len(desa)),
                "partner_id": None,
                "moa_id": None,
                "household_id": None,
                "desa_code": desa,
                "given_on": np.datetime64("2025-04-01")
                + rng.integers(0, 500, len(desa)).astype("timedelta64[D]"),
                "amount_rp": rng.integers(50, 900, len(desa)) * 1_000_000,
            }
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out["given_on"] = pd.to_datetime(out["given_on"]).dt.date
    out.insert(0, "intervention_id", [f"INT-{i:07d}" for i in range(1, len(out) + 1)])
    return out


def budget(programs: Programs, kabupaten: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return allocations per kabupaten, year, source and program; the current year is partly spent."""
    rows = []
    agencies = programs.partner[programs.partner["partner_type"] == "opd"]
    for kab in kabupaten.itertuples():
        kab_agencies = agencies[agencies["kabupaten_code"] == kab.region_code].set_index("hub_role")[
            "partner_id"
        ]
        for year, spent in [(2024, (0.82, 0.98)), (2025, (0.75, 0.97)), (2026, (0.45, 0.78))]:
            for hub, sector in [
                ("dinas_pertanian", "pangan"),
                ("dinas_esdm", "energi"),
                ("dinas_kesehatan", "kesehatan"),
                ("dinas_umkm", "umkm"),
            ]:
                for source, scale in [
                    ("apbd", 1.0),
                    ("apbn", 1.6),
                    ("dana_desa", 0.7),
                    ("csr", 0.5),
                    ("bumn", 0.4),
                ]:
                    if source in ("csr", "bumn") and rng.random() < 0.4:
                        continue
                    alloc = int(rng.lognormal(np.log(900e6 * scale), 0.5) // 1e6 * 1e6)
                    rows.append(
                        {
                            "kabupaten_code": kab.region_code,
                            "funding_source": source,
                            "year": year,
                            "program": f"{SECTOR_THEMES[sector][int(rng.integers(0, len(SECTOR_THEMES[sector])))]}",
                            "sector_code": sector,
                            "partner_id": kab_agencies.get(hub),
                            "allocated_rp": alloc,
                            "realised_rp": int(alloc * rng.uniform(*spent)),
                        }
                    )
    out = pd.DataFrame(rows)
    out.insert(0, "budget_id", [f"ANG-{i:05d}" for i in range(1, len(out) + 1)])
    return out


def agency_history(programs: Programs, desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return agencies' past programs on extreme poverty, 2019-2025."""
    rows = []
    agencies = programs.partner[
        (programs.partner["partner_type"] == "opd") & (programs.partner["hub_role"] != "bappeda")
    ]
    hub_sector = {
        "dinas_umkm": "umkm",
        "dinas_esdm": "energi",
        "dinas_kesehatan": "kesehatan",
        "dinas_pertanian": "pangan",
    }
    results = ["berhasil", "sebagian", "tidak_berlanjut"]
    notes = {
        "berhasil": "Kelompok penerima masih aktif dan pendapatan naik; layak dilanjutkan atau diperluas.",
        "sebagian": "Sebagian penerima bertahan; kendala pemasaran dan pendampingan yang terputus.",
        "tidak_berlanjut": "Kegiatan berhenti setelah anggaran habis; alat tidak terpelihara.",
    }
    for a in agencies.itertuples():
        sector = hub_sector[a.hub_role]
        kab_desa = desa[desa["kabupaten_code"] == a.kabupaten_code]["region_code"].to_numpy()
        for year in range(2019, 2026):
            for _ in range(int(rng.integers(1, 4))):
                result = results[int(rng.choice(3, p=[0.45, 0.35, 0.2]))]
                rows.append(
                    {
                        "partner_id": a.partner_id,
                        "program": SECTOR_THEMES[sector][int(rng.integers(0, len(SECTOR_THEMES[sector])))],
                        "sector_code": sector,
                        "desa_code": kab_desa[int(rng.integers(0, len(kab_desa)))],
                        "year": year,
                        "beneficiaries_count": int(rng.integers(10, 180)),
                        "budget_rp": int(rng.integers(50, 1500)) * 1_000_000,
                        "result": result,
                        "result_note": notes[result],
                    }
                )
    out = pd.DataFrame(rows)
    out.insert(0, "history_id", [f"RWY-{i:05d}" for i in range(1, len(out) + 1)])
    return out


def treatment(programs: Programs) -> pd.DataFrame:
    """Return per targeted household the strongest MoA effect and the sectors of the MoAs reaching it."""
    t = programs.moa_target_household.merge(programs.moa_sector, on="moa_id")
    t["effect"] = t["moa_id"].map(programs.effect)
    t = t[t["effect"] > 0]
    flags = pd.crosstab(t["household_id"], t["sector_code"]).reindex(columns=list(SECTORS), fill_value=0) > 0
    eff = t.groupby("household_id")["effect"].max()
    return flags.join(eff).reset_index()
