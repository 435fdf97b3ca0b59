"""Koordinasi's hub query (queries/hub_agencies_in_region.sql) against its pandas definition over the four general
queries the page read before (partners, programs, MoA parties, MoA registry)."""

from datetime import date

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_KABUPATEN, DEMO_PROVINCE

from sinergi.common.vocabulary import HUB_ROLES
from sinergi.data import db


def hub_structure(
    partners: pd.DataFrame, programs: pd.DataFrame, parties: pd.DataFrame, moas: pd.DataFrame
) -> pd.DataFrame:
    """The hub in pandas: the agencies in role order (Bappeda, Dinas UMKM, ESDM, Kesehatan, Pertanian), then
    kabupaten and id, with their programs count, latest four distinct programs (newest first) and the MoAs active
    on the as-of date they are party to."""
    agencies = partners[partners["hub_role"].isin(HUB_ROLES)]
    running = moas.loc[moas["is_active"].astype(bool), "moa_id"]
    ordered = programs.sort_values(["partner_id", "year"], ascending=[True, False], kind="stable")
    named = pd.DataFrame(
        {
            "partner_id": ordered["partner_id"].to_numpy(),
            "named": (ordered["program"].astype(str) + " (" + ordered["year"].astype(str) + ")").to_numpy(),
        }
    ).drop_duplicates()
    latest = (
        named.groupby("partner_id", sort=False)
        .head(4)
        .groupby("partner_id", sort=False)["named"]
        .agg("; ".join)
    )
    counts = programs.groupby("partner_id").size()
    in_running = parties[parties["moa_id"].isin(running)]
    moa_ids_of = in_running.groupby("partner_id")["moa_id"].agg(lambda ids: ", ".join(sorted(ids.unique())))
    ids = agencies["partner_id"]
    hub = pd.DataFrame(
        {
            "hub_role": agencies["hub_role"].to_numpy(),
            "partner_id": ids.to_numpy(),
            "partner_name": agencies["name"].to_numpy(),
            "kabupaten_code": agencies["kabupaten_code"].to_numpy(),
            "programs_count": ids.map(counts).fillna(0).astype(int).to_numpy(),
            "latest_programs": ids.map(latest).fillna("").astype(object).to_numpy(),
            "running_moa_ids": ids.map(moa_ids_of).fillna("").astype(object).to_numpy(),
        }
    )
    order = {r: i for i, r in enumerate(HUB_ROLES)}
    hub["_order"] = hub["hub_role"].map(order)
    return (
        hub.sort_values(["_order", "kabupaten_code", "partner_id"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def test_hub_structure_lists_each_agencys_latest_programs_and_running_moas():
    partners = pd.DataFrame(
        {
            "partner_id": ["B1", "K1", "X1", "K2"],
            "name": ["Bappeda A", "Dinkes A", "PT X", "Dinkes B"],
            "hub_role": ["bappeda", "dinas_kesehatan", None, "dinas_kesehatan"],
            "kabupaten_code": ["99.01", "99.01", None, "99.02"],
        }
    )
    programs = pd.DataFrame(
        {
            "partner_id": ["K1", "B1", "K1", "K1", "K1", "K1", "K1"],
            "program": ["Gizi", "RPJMD", "Posyandu", "Gizi", "Sanitasi", "Imunisasi", "Jamban"],
            "year": [2024, 2025, 2026, 2025, 2023, 2022, 2021],
        }
    )
    parties = pd.DataFrame({"partner_id": ["K1", "K1", "X1", "B1"], "moa_id": ["M2", "M1", "M1", "M3"]})
    moas = pd.DataFrame({"moa_id": ["M1", "M2", "M3"], "is_active": [True, True, False]})
    hub = hub_structure(partners, programs, parties, moas).set_index("partner_id")
    assert list(hub.index) == [
        "B1",
        "K1",
        "K2",
    ]  # role order (Bappeda first), then kabupaten; no partner without a role
    assert hub.loc["K1", "latest_programs"] == "Posyandu (2026); Gizi (2025); Gizi (2024); Sanitasi (2023)"
    assert hub.loc["K1", "programs_count"] == 6 and hub.loc["K2", "programs_count"] == 0
    assert hub.loc["K1", "running_moa_ids"] == "M1, M2"
    assert hub.loc["B1", "running_moa_ids"] == "" and hub.loc["K2", "latest_programs"] == ""


@pytest.mark.parametrize("as_of", [DEMO_AS_OF, date(2025, 3, 1), date(2023, 1, 1)])
@pytest.mark.parametrize("region", [DEMO_PROVINCE, *DEMO_KABUPATEN, f"{DEMO_KABUPATEN[1]}.01"])
def test_hub_query_equals_its_pandas_definition(region, as_of):
    params = {"region": region, "as_of": as_of}
    expected = hub_structure(
        *(
            db.run_query(q, **params)
            for q in ("partners_in_region", "agency_programs_in_region", "moa_parties", "moa_registry")
        )
    )
    hub = db.run_query("hub_agencies_in_region", **params)
    pd.testing.assert_frame_equal(hub, expected, check_dtype=False)
    assert len(hub) and (hub["programs_count"] > 0).any()
    if as_of == DEMO_AS_OF and len(region) <= 5:  # a kecamatan has too few programs for four per agency
        assert (hub["running_moa_ids"] != "").any() and (hub["latest_programs"].str.count(";") == 3).any()
