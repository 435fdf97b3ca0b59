"""The map of a large region drawn by kecamatan or kabupaten: the area query equals its desa summed, the page draws
areas and a click opens one level down; the map's place names in a sans-serif face."""

import json

import pytest
from conftest import DEMO_AS_OF, open_page

from sinergi.data import db
from sinergi.planning import map_areas
from sinergi.planning.desa_profile import Picked, opened_by_click
from sinergi.planning.map_areas import area_level
from sinergi.planning.map_layers import MAP_FONT, NAME_PX, NAMES_LAYER, name_box, readable_names

COUNTS = [
    "all_households_count",
    "extreme_poor_households_count",
    "verified_targets_count",
    "verified_targets_reached_count",
    "households_without_electricity_count",
    "umkm_producers_extreme_poor_count",
]
SCORES = ["food_potential_score", "energy_ease_score", "health_need_score", "stunting_rate_pct"]


@pytest.mark.parametrize(
    ("region", "level"), [("99", "kecamatan"), ("99", "kabupaten"), ("99.02", "kecamatan")]
)
def test_area_indicators_equal_their_desa_summed(region, level):
    areas = db.run_query("location_indicators_by_area", region=region, as_of=DEMO_AS_OF, area_level=level)
    desa = db.run_query("location_indicators", region=region, as_of=DEMO_AS_OF)
    desa["area"] = desa["kecamatan_code"] if level == "kecamatan" else desa["desa_code"].str[:5]
    grouped = desa.groupby("area")
    got = areas.set_index("area_code")
    assert list(got.index) == sorted(desa["area"].unique())
    assert (got["area_level"] == level).all()
    assert (got["desa_count"] == grouped.size()).all()
    for column in COUNTS:
        assert (got[column] == grouped[column].sum()).all(), column
    for column in SCORES:
        assert (got[column] - grouped[column].mean()).abs().max() < 1e-9, column
    share = 100 * grouped["extreme_poor_households_count"].sum() / grouped["all_households_count"].sum()
    assert (got["extreme_poor_share_pct"] - share).abs().max() < 1e-9
    # covered: every verified target of a desa under an active MoA, else those collaboration reached
    covered = (desa["coverage_pct"] * desa["verified_targets_count"] / 100).groupby(desa["area"]).sum()
    expected = 100 * covered / grouped["verified_targets_count"].sum()
    assert (got["coverage_pct"] - expected.fillna(0)).abs().max() < 1e-6


def test_area_counts_equal_the_household_rows(con):
    areas = db.run_query("location_indicators_by_area", region="99", as_of=DEMO_AS_OF, area_level="kabupaten")
    expected = dict(
        con.execute(
            "select kabupaten_code, count(*) from household where welfare_decile = 1 "
            "and verification_status != 'tidak_valid' group by 1"
        ).fetchall()
    )
    assert dict(zip(areas["area_code"], areas["extreme_poor_households_count"], strict=True)) == expected


def test_area_level_by_size():
    assert area_level("provinsi", map_areas.DESA_MAP_LIMIT) is None  # the demo province's size draws desa
    assert area_level("provinsi", map_areas.DESA_MAP_LIMIT + 1) == "kecamatan"
    assert area_level("nasional", 80_000) == "kabupaten"
    assert area_level("kabupaten", 50_000) is None  # kabupaten and kecamatan always draw desa


def test_a_click_opens_the_desa_or_one_level_down():
    assert opened_by_click(Picked("99.02.01.2001", None), False) == (
        {"desa": "99.02.01.2001", "tempat": None},
        True,
    )
    place = Picked("99.02.01.2003", "PL-1")
    assert opened_by_click(place, False) == ({"desa": "99.02.01.2003", "tempat": "PL-1"}, True)
    area = Picked(None, None, "99.02.04")
    assert opened_by_click(area, True) == ({"wilayah": "99.02.04", "desa": None, "tempat": None}, False)
    assert opened_by_click(place, True) == (
        {"wilayah": "99.02.01", "desa": "99.02.01.2003", "tempat": "PL-1"},
        False,
    )


def _deck(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


@pytest.mark.parametrize("role", ["admin", "monev"])
def test_a_large_province_is_drawn_by_kecamatan(app, monkeypatch, role):
    monkeypatch.setattr(map_areas, "DESA_MAP_LIMIT", 100)  # the demo province (652 desa) counts as large
    at = open_page(app, "pages/map_explorer.py", role=role, wilayah="99", sektor="semua")
    assert not at.exception
    deck = _deck(at)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    areas = layers["wilayah_kecamatan"]["data"]
    assert "wilayah" not in layers
    assert len({row["area_code"] for row in areas}) == 67
    assert all("desa_code" not in row for row in areas)
    assert areas[0]["title"].startswith("Kecamatan ")
    # the kecamatan draw their own borders; the kabupaten borders and names stay
    assert all(row["level"] == "kabupaten" for row in layers["batas"]["data"])
    assert not [s for s in at.selectbox if s.key == "peta_desa"]  # no list of thousands of desa
    if role == "monev":  # protected counts reach the browser as breakdown values only (0, or multiples of 5)
        assert all(row["value"] is None or row["value"] % 5 == 0 for row in areas)


def test_a_kabupaten_is_still_drawn_by_desa(app, monkeypatch):
    monkeypatch.setattr(map_areas, "DESA_MAP_LIMIT", 10)
    at = open_page(app, "pages/map_explorer.py", wilayah="99.02", sektor="semua")
    assert not at.exception
    layers = {layer["id"]: layer for layer in _deck(at)["layers"]}
    assert all(row["desa_code"].startswith("99.02.") for row in layers["wilayah"]["data"])


def test_place_names_use_a_sans_serif_face(app):
    at = open_page(app, "pages/map_explorer.py", wilayah="99.02", sektor="semua")
    text_layers = [layer for layer in _deck(at)["layers"] if layer["@@type"] == "TextLayer"]
    assert text_layers
    assert all(layer["fontFamily"] == MAP_FONT.strip('"') for layer in text_layers)
    assert MAP_FONT.strip('"').endswith("sans-serif") and "mono" not in MAP_FONT.lower()


def _overlapping(names: list[dict], zoom: float) -> list[tuple[str, str]]:
    """Return the pairs of names whose boxes (with their gap) touch on screen at zoom."""
    boxes = [(n["name"], name_box(n["name"], *n["position"], zoom, NAME_PX["kabupaten"])) for n in names]
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


@pytest.mark.parametrize("region", ["99", "99.02"])
def test_region_names_on_the_map_never_overlap(app, region):
    """Peta of a province: six kabupaten names written at their centroids overlapped ("Watu MoloLembah Harapan");
    a name that would touch another is left out, the larger region's kept."""
    at = open_page(app, "pages/map_explorer.py", wilayah=region, sektor="semua")
    assert not at.exception
    deck = _deck(at)
    names = next(layer for layer in deck["layers"] if layer["id"] == NAMES_LAYER)["data"]
    assert len(names) >= 3  # names are still written
    assert _overlapping(names, deck["initialViewState"]["zoom"]) == []


def test_readable_names_keep_the_larger_region_and_every_name_apart():
    # three names in a row, 40 px apart at zoom 10: the middle one (largest) is kept, its neighbours touch it
    step = 40 / (512 * 2**10) * 360
    candidates = [
        ("Barat", 120.0, -9.0, 1.0),
        ("Tengah", 120.0 + step, -9.0, 3.0),
        ("Timur", 120.0 + 2 * step, -9.0, 2.0),
    ]
    assert [c[0] for c in readable_names(candidates, 10, 15)] == ["Tengah"]
    # closer in (zoom 12: 160 px apart) all three fit
    assert [c[0] for c in readable_names(candidates, 12, 15)] == ["Tengah", "Timur", "Barat"]
