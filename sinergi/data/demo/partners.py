"""Partners of the demo, for both shapes: five agencies, two village governments and a facilitators' forum per
kabupaten, and the firms, BUMN, universities and NGOs that work across kabupaten (once each)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sinergi.common.vocabulary import SECTORS
from sinergi.data.demo.catalogue import EXTERNAL_PARTNERS, HUB_AGENCIES
from sinergi.data.demo.shapes import PROVINCE, Shape


def make_partners(
    kabupaten: pd.DataFrame, desa: pd.DataFrame, rng: np.random.Generator, shape: Shape = PROVINCE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return partners (agencies, village governments and a forum per kabupaten, then those working across
    kabupaten) and their capacities (partner x sector x kind of contribution, level 1-3)."""
    rows: list[dict] = []
    caps: list[tuple] = []

    def add(name: str, ptype: str, kab: str | None, hub: str | None, sectors, kinds, desc: str) -> None:
        pid = f"MTR-{len(rows) + 1:0{shape.partner_id_digits}d}"
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
        cells = [(s, k) for s in sectors for k in kinds]
        if shape.levels_per_partner:
            levels = [int(lv) for lv in rng.integers(1, 4, len(cells))]
        else:
            levels = [int(rng.integers(1, 4)) for _ in cells]
        caps.extend((pid, s, k, lv) for (s, k), lv in zip(cells, levels, strict=True))

    desa_names = desa.groupby("kabupaten_code")["name"].agg(list)
    for kab in kabupaten.itertuples():
        place = f"{kab.region_type.capitalize()} {kab.name}"
        home = place if shape.agency_home_with_type else kab.name
        for hub, (agency, sectors, kinds) in HUB_AGENCIES.items():
            desc = f"Perangkat daerah {home}; anggota simpul koordinasi penghapusan kemiskinan ekstrem."
            add(f"{agency} {place}", "opd", kab.region_code, hub, sectors, kinds, desc)
        for name in rng.choice(desa_names[kab.region_code], 2, replace=False):
            desc = f"Pemerintah desa; menyalurkan Dana Desa dan BLT-DD di {name}."
            add(f"Pemerintah Desa {name}", "pemdes", kab.region_code, None, ("pangan", "umkm"),
                ("pendampingan", "pendanaan"), desc)  # fmt: skip
        desc = "Jaringan pendamping lokal yang membantu verifikasi lapangan dan pemantauan."
        add(
            f"Forum Pendamping Desa {kab.name}",
            "komunitas",
            kab.region_code,
            None,
            SECTORS,
            ("pendampingan",),
            desc,
        )
    for name, ptype, sectors, kinds in EXTERNAL_PARTNERS:
        add(name, ptype, None, None, sectors, kinds, f"Mitra {ptype} yang bekerja {shape.external_reach}.")
    capacity = pd.DataFrame(
        caps, columns=["partner_id", "sector_code", "contribution_kind", "capacity_level"]
    )
    return pd.DataFrame(rows), capacity
