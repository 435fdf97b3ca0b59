"""Pure helpers for the desa profile panel and the map's click selection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from sinergi.common.amounts import show_amounts
from sinergi.common.fmt import EMPTY, fmt_number, fmt_pct
from sinergi.common.i18n import translate
from sinergi.common.suppressed import show_counts
from sinergi.common.vocabulary import labels

_FACILITIES = (
    ("pelabuhan", "port"),
    ("pasar", "market"),
    ("kota", "city"),
    ("puskesmas", "puskesmas"),
    ("rumah_sakit", "hospital"),
)


@dataclass(frozen=True)
class Picked:
    desa_code: str | None  # the desa clicked, or the desa a clicked place stands in (None for an area)
    place_id: str | None  # the place clicked, None for a desa
    area_code: str | None = None  # the kecamatan or kabupaten clicked on a map drawn by area


def picked_object(selection: Any) -> Picked | None:
    """Return what was clicked on the map (a place marker before the desa or area under it), or None."""
    try:
        by_layer = selection["selection"]["objects"]
    except (KeyError, TypeError):
        return None
    found = [
        obj
        for objects in (by_layer or {}).values()
        for obj in objects or []
        if isinstance(obj, dict) and (obj.get("desa_code") or obj.get("area_code"))
    ]
    place = next((obj for obj in found if obj.get("place_id")), None)
    chosen = place or (found[0] if found else None)
    if chosen is None:
        return None
    return Picked(chosen.get("desa_code"), chosen.get("place_id"), chosen.get("area_code"))


def kecamatan_of(desa_code: str) -> str:
    """Return the code of the kecamatan a desa lies in ('99.02.01.2001' -> '99.02.01')."""
    return desa_code.rsplit(".", 1)[0]


def opened_by_click(picked: Picked, by_area: bool) -> tuple[dict[str, str | None], bool]:
    """Return the selections a map click sets (URL parameter -> value, None removes it) and whether the view
    stays where it was.

    On a desa map a click opens the desa (or the place and its desa) and the view stays. On a map drawn by area
    a click opens the area one level down; a marker there opens its kecamatan with the place and its desa; the
    view then moves to what was opened."""
    opened = {"desa": picked.desa_code, "tempat": picked.place_id}
    if picked.area_code:
        return {"wilayah": picked.area_code, **opened}, False
    if by_area and picked.desa_code:
        return {"wilayah": kecamatan_of(picked.desa_code), **opened}, False
    return opened, True


def distance_table(profile: pd.Series, lang: str) -> pd.DataFrame:
    """Return facility, nearest name and straight-line km for one desa_profile row."""
    return pd.DataFrame(
        {
            translate("peta.col.facility", lang): [
                translate(f"peta.place.{t}", lang) for t, _ in _FACILITIES
            ],
            translate("peta.col.name", lang): [profile[f"{c}_name"] for _, c in _FACILITIES],
            # numbers, written by show_table: a reader who sorts by distance gets 2,5 before 10,0
            translate("peta.col.distance_km", lang): pd.to_numeric(
                pd.Series([profile[f"{c}_km"] for _, c in _FACILITIES]), errors="coerce"
            ).astype("float64"),
        }
    )


def potential_table(location: pd.Series, lang: str) -> pd.DataFrame:
    """Return one row per sector: its leading commodity/source/product and score, from a location_indicators row."""
    rows = [
        ("pangan", location["top_commodity"], location["food_potential_score"], ""),
        (
            "energi",
            labels("energy_source", location["top_energy_source"], lang),
            location["energy_ease_score"],
            f"{translate('peta.indicator.no_electricity', lang)}: "
            f"{fmt_number(location['households_without_electricity_count'], lang)}",
        ),
        (
            "kesehatan",
            translate("peta.indicator.health_need", lang),
            location["health_need_score"],
            f"{translate('peta.indicator.stunting', lang)}: {fmt_pct(location['stunting_rate_pct'], lang)}",
        ),
        (
            "umkm",
            location["top_product"],
            location["umkm_marketing_score"],
            f"{translate('peta.indicator.umkm_poor_producers', lang)}: "
            f"{fmt_number(location['umkm_producers_extreme_poor_count'], lang)}",
        ),
    ]
    return pd.DataFrame(
        [
            {
                translate("peta.col.sector", lang): translate(f"peta.sector.{s}", lang),
                translate("peta.col.item", lang): item,
                translate("peta.col.score", lang): score,  # a number (sorts as one), written by show_table
                "": note,
            }
            for s, item, score, note in rows
        ]
    ).astype({translate("peta.col.score", lang): "float64"})


_PROFILE_HEADERS = {
    "households_by_status": {
        "welfare_decile": "peta.col.decile",
        "verification_status": "peta.col.verification_status",
        "households_count": "peta.col.households_count",
    },
    "moa_partners_in_region": {
        "moa_id": "peta.col.moa",
        "title": "peta.col.program",
        "status": "peta.col.status",
        "partner_name": "peta.col.partner",
        "partner_type": "peta.col.partner_type",
        "party_role": "peta.col.role",
    },
    "interventions_by_program": {
        "source": "peta.col.source",
        "program": "peta.col.program",
        "sector_code": "peta.col.sector",
        "partner_name": "peta.col.partner",
        "interventions_count": "peta.col.interventions_count",
        "amount_rp": "peta.col.amount_rp",
    },
}


# coded columns of the profile panels and the vocabulary domain that words them
_PROFILE_CODES = {
    "verification_status": "verification_status",
    "status": "moa_status",
    "partner_type": "partner_type",
    "party_role": "party_role",
    "source": "intervention_source",
    "sector_code": "sector",
}


def profile_headers(query: str, lang: str) -> dict[str, str]:
    """Return the shown columns of a profile panel's query with their headers in lang."""
    return {c: translate(k, lang) for c, k in _PROFILE_HEADERS[query].items()}


def profile_formats(query: str, lang: str) -> dict[str, Callable[[object], str]]:
    """Return a formatter for each coded column of a profile panel: the code's words in lang."""
    return {
        column: partial(_words, domain, lang)
        for column, domain in _PROFILE_CODES.items()
        if column in _PROFILE_HEADERS[query]
    }


def _words(domain: str, lang: str, code: object) -> str:
    # an intervention with no sector (BLT Dana Desa: cash) reads as a word, never as a blank or "None"
    if not isinstance(code, str) or not code:
        return translate("peta.profile.no_sector", lang) if domain == "sector" else EMPTY
    return labels(domain, code, lang)


def profile_table(query: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the profile table of a query result: its shown columns with localised headers and coded values in
    words (for exports; the page draws the same through show_table)."""
    # protected counts and amounts as the viewer may see them
    shown = show_amounts(show_counts(frame[list(_PROFILE_HEADERS[query])]))
    for column, formatter in profile_formats(query, lang).items():
        shown[column] = shown[column].map(formatter)
    return shown.rename(columns=profile_headers(query, lang))
