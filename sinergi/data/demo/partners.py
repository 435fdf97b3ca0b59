"""Partners of the demo: agencies of each kabupaten, village governments, communities and province-wide others."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS
from sinergi.data.demo.catalogue import EXTERNAL_PARTNERS, HUB_AGENCIES


def make_partners(
    kabupaten: pd.DataFrame, desa: pd.DataFrame, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return partners (agencies per kabupaten, village governments, province-wide others) and their capacities."""
    partners, caps = [], []

    def add(name: str, ptype: str, kab: str | None, hub: str | None, sectors, kinds, desc: str) -> None:
        pid = f"MTR-{len(partners) + 1:03d}"
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:18]
        partners.append(
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
        for s in sectors:
            for k in kinds:
                caps.append(
                    {
                        "partner_id": pid,
                        "sector_code": s,
                        "contribution_kind": k,
                        "capacity_level": int(rng.integers(1, 4)),
                    }
                )

    for kab in kabupaten.itertuples():
        for hub, (agency, sectors, kinds) in HUB_AGENCIES.items():
            add(
                f"{agency} Kabupaten {kab.name}",
                "opd",
                kab.region_code,
                hub,
                sectors,
                kinds,
                f"Perangkat daerah Kabupaten {kab.name}; anggota simpul koordinasi penghapusan kemiskinan ekstrem.",
            )
        for d in desa[desa["kabupaten_code"] == kab.region_code].sample(2, random_state=rng).itertuples():
            add(
                f"Pemerintah Desa {d.name}",
                "pemdes",
                kab.region_code,
                None,
                ("pangan", "umkm"),
                ("pendampingan", "pendanaan"),
                f"Pemerintah desa; menyalurkan Dana Desa dan BLT-DD di {d.name}.",
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
        add(
            name,
            ptype,
            None,
            None,
            sectors,
            kinds,
            f"Mitra {ptype} yang bekerja lintas kabupaten di provinsi.",
        )
    return pd.DataFrame(partners), pd.DataFrame(caps)
