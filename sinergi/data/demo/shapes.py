"""The two shapes of the demo (one province; the nation) share one partner and MoA generator. What they still do
differently is listed here and nowhere else: how ids and two texts are spelled, and in which order three draws
take their items. Each difference keeps that shape's demo exactly what it was before the generators were merged
(tests and pinned examples name its ids and figures); dropping one changes that demo's data, so it is a choice to
make on purpose, with the fingerprints rebuilding every demo."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str
    partner_id_digits: int  # MTR-001 in a province, MTR-00001 across 514 kabupaten
    moa_id_from_code: bool  # MOA-<kabupaten code>NN, else MOA-<kabupaten number>NN (MOA-0201)
    agency_home_with_type: (
        bool  # agency description "Perangkat daerah Kabupaten X", else "Perangkat daerah X"
    )
    external_reach: str  # where the partners without a kabupaten work (their description)
    levels_per_partner: bool  # capacity levels drawn once per partner, else once per sector x kind
    pool_in_target_order: (
        bool  # an MoA's households drawn from its target desa in target order, else register order
    )
    kinds_in_moa_order: bool  # a party's offered kinds listed in the MoA's sector order, else the partner's


PROVINCE = Shape(
    name="province",
    partner_id_digits=3,
    moa_id_from_code=False,
    agency_home_with_type=True,
    external_reach="lintas kabupaten di provinsi",
    levels_per_partner=False,
    pool_in_target_order=False,
    kinds_in_moa_order=False,
)
NATIONAL = Shape(
    name="national",
    partner_id_digits=5,
    moa_id_from_code=True,
    agency_home_with_type=False,
    external_reach="di banyak provinsi",
    levels_per_partner=True,
    pool_in_target_order=True,
    kinds_in_moa_order=True,
)
