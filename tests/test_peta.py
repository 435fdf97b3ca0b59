"""Planner screens: queries equal independent SQL; the pages' decks, charts and tables carry those values."""

import base64
import json

import numpy as np
import pytest
from conftest import DEMO_AS_OF, DEMO_KABUPATEN, open_page
from rendered import shown_table

from sinergi.data import db
from sinergi.planning.map_density import hexagon_counter, hexagon_rows
from sinergi.planning.map_indicators import INDICATORS, SECTOR_PLACES, SECTORS, indicators_for
from sinergi.planning.poverty_map import build_poverty_map

AS_OF = DEMO_AS_OF  # the dataset's date
SQL_COUNTS = """
select h.desa_code,
       count(*) filter (where h.welfare_decile = 1 and h.verification_status != 'tidak_valid') as ep,
       count(*) filter (where h.welfare_decile = 1 and h.verification_status in ('valid', 'tambahan_musdes')) as vt,
       count(*) filter (where h.welfare_decile = 1 and h.verification_status in ('valid', 'tambahan_musdes')
                        and h.household_id in (select i.household_id from intervention i left join moa m using (moa_id)
                                               where i.given_on <= ?
                                                   and (i.moa_id is null or m.status <> 'draft')))
           as reached
from household h where h.kabupaten_code = ? group by h.desa_code
"""


def _deck(at, index=0) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[index].proto.json)


def _values(array) -> list:
    """Return a plotly array, decoding plotly's typed-array form {"dtype", "bdata"}."""
    if isinstance(array, dict):
        return list(np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])))
    return list(array)


def _layer(deck: dict, layer_id: str) -> dict:
    return next(layer for layer in deck["layers"] if layer["id"] == layer_id)


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
def test_location_indicators_equal_independent_sql(con, region):
    got = db.run_query("location_indicators", region=region, as_of=AS_OF).set_index("desa_code")
    expected = {r[0]: r[1:] for r in con.execute(SQL_COUNTS, [AS_OF, region]).fetchall()}
    assert len(got) == con.execute("select count(*) from region where level = 'desa' and kabupaten_code = ?",
                                   [region]).fetchone()[0]  # fmt: skip
    for code, (ep, vt, reached) in expected.items():
        assert got.loc[code, "extreme_poor_households_count"] == ep
        assert got.loc[code, "verified_targets_count"] == vt
        assert got.loc[code, "verified_targets_reached_count"] == reached
    food = dict(
        con.execute("select desa_code, max(potential_score) from potential_food group by 1").fetchall()
    )
    need = dict(
        con.execute("select desa_code, need_score from health_condition where year = 2025").fetchall()
    )
    active = {r[0] for r in con.execute(
        "select t.desa_code from moa_target_desa t join moa m using (moa_id) "
        "where m.status in ('aktif', 'diperpanjang', 'berakhir') and m.signed_on <= ? and ? between m.started_on and m.ended_on",
        [AS_OF, AS_OF],
    ).fetchall()}  # fmt: skip
    for code, row in got.iterrows():
        assert row["food_potential_score"] == food[code]
        assert row["health_need_score"] == need[code]
        assert row["is_active_moa_target"] == (code in active)
        if code in active:
            assert row["coverage_pct"] == 100.0


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
@pytest.mark.parametrize("sector", SECTORS)
def test_map_page_layers_carry_the_query_values(app, con, region, sector):
    at = open_page(app, "pages/map_explorer.py", wilayah=region, sektor=sector)
    assert not at.exception
    deck = _deck(at)
    assert deck.get("mapStyle") == "__MAP_STYLE__"  # no basemap fetched from the internet
    indicator = indicators_for(sector)[0]
    column = INDICATORS[indicator].column
    regions = _layer(deck, "wilayah")["data"]
    expected = db.run_query("location_indicators", region=region, as_of=AS_OF).set_index("desa_code")[column]
    assert {r["desa_code"]: r["value"] for r in regions} == pytest.approx(expected.to_dict(), nan_ok=True)
    if indicator == "extreme_poor":
        independent = {r[0]: r[1] for r in con.execute(SQL_COUNTS, [AS_OF, region]).fetchall()}
        assert {r["desa_code"]: r["value"] for r in regions if r["value"]} == {
            k: v for k, v in independent.items() if v
        }
    for place_type in SECTOR_PLACES[sector]:
        shown = _layer(deck, f"tempat_{place_type}")["data"]
        count = con.execute(
            "select count(*) from place where place_type = ? and desa_code like ?",
            [place_type, region + ".%"],
        ).fetchone()[0]
        assert len(shown) == count
    assert "kepadatan" not in [layer["id"] for layer in deck["layers"]]


def test_map_indicator_switch_and_density_hexagons(app, con):
    region = DEMO_KABUPATEN[1]
    at = open_page(app, "pages/map_explorer.py", wilayah=region, sektor="energi")
    at.selectbox(key="peta_indicator_energi").select("extreme_poor_share").run()
    at.toggle(key="peta_density").set_value(True).run()
    assert not at.exception
    deck = _deck(at)
    hexes = _layer(deck, "kepadatan")["data"]
    total = con.execute(
        "select count(*) from household where kabupaten_code = ? and welfare_decile = 1 "
        "and verification_status != 'tidak_valid'",
        [region],
    ).fetchone()[0]
    assert 0 < sum(h["count"] for h in hexes) <= total
    assert min(h["count"] for h in hexes) >= 3  # no hexagon singles out one or two dwellings
    share = {r["desa_code"]: r["value"] for r in _layer(deck, "wilayah")["data"]}
    expected = db.run_query("location_indicators", region=region, as_of=AS_OF).set_index("desa_code")[
        "extreme_poor_share_pct"
    ]
    assert share == pytest.approx(expected.to_dict())


def test_desa_profile_from_the_selector(app, con):
    desa = "99.02.01.2001"
    at = open_page(app, "pages/map_explorer.py", wilayah="99.02")
    at.selectbox(key="peta_desa").select(desa).run()
    assert not at.exception
    name = con.execute("select name from region where region_code = ?", [desa]).fetchone()[0]
    assert any(name in s.value for s in at.subheader)
    population = con.execute(
        "select population_male_count + population_female_count from demography where desa_code = ? and year = 2025",
        [desa],
    ).fetchone()[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Penduduk"] == f"{population:,}".replace(",", ".")
    frames = [d.value for d in at.dataframe]
    status = next(f for f in frames if "Status verifikasi" in f.columns)
    households = con.execute("select count(*) from household where desa_code = ?", [desa]).fetchone()[0]
    assert status["Jumlah RT"].sum() == households
    interventions = next(f for f in frames if "Jumlah intervensi" in f.columns)
    given = con.execute("select count(*) from intervention where desa_code = ?", [desa]).fetchone()[0]
    assert interventions["Jumlah intervensi"].sum() == given
    element = next(d for d in at.dataframe if "Jarak (km)" in d.value.columns)
    port_km = con.execute("select port_km from desa_distance where desa_code = ?", [desa]).fetchone()[0]
    # a number underneath (it sorts as one), written the Indonesian way
    assert element.value["Jarak (km)"].iloc[0] == pytest.approx(port_km)
    assert shown_table(element)["Jarak (km)"].iloc[0] == f"{port_km:.1f}".replace(".", ",")
    deck = _deck(at)
    assert [r["desa_code"] for r in _layer(deck, "pilihan")["data"]] == [desa]
    assert abs(deck["initialViewState"]["longitude"] - con.execute(
        "select centroid_lon from region where region_code = ?", [desa]).fetchone()[0]) < 0.05  # fmt: skip


def test_hexagons_drop_small_counts_and_map_is_offline():
    import pandas as pd

    from sinergi.common.suppressed import Count

    points = pd.DataFrame(
        {"lon": [126.5] * 5 + [127.5] * 3 + [128.5], "lat": [-7.0] * 5 + [-7.5] * 3 + [-8.0]}
    )
    counts = hexagon_counter()(points)
    assert sorted(counts["households_count"]) == [3, 5]  # one or two dwellings never make a hexagon
    rows = hexagon_rows(counts)
    assert sorted(r["count"] for r in rows) == [3, 5]  # plain numbers (by-name roles) as they are
    protected = counts.assign(households_count=[Count(v) for v in counts["households_count"]])
    rows = hexagon_rows(protected)
    assert sorted((r["count"] or 0, r["count_label"]) for r in rows) == [(0, "<5"), (5, "5")]
    assert "3" not in json.dumps([r["count"] for r in rows])
    regions = db.run_query("location_indicators", region="99.02", as_of=AS_OF)
    deck = build_poverty_map(regions, regions.iloc[0:0].assign(place_type=[]), [], "extreme_poor", "id")
    assert "cartocdn" not in deck.to_json() and len(deck.to_json()) < 2_000_000


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
@pytest.mark.parametrize("sector", ["pangan", "energi", "kesehatan", "umkm"])
def test_sector_potential_page(app, con, region, sector):
    at = open_page(app, "pages/sector_potential.py", wilayah=region, sektor=sector)
    assert not at.exception
    ranking = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    table, column = {
        "pangan": ("potential_food", "potential_score"),
        "energi": ("potential_energy", "ease_score"),
        "kesehatan": ("health_condition", "need_score"),
        "umkm": ("umkm_product", "marketing_potential_score"),
    }[sector]
    latest = "and year = 2025" if sector == "kesehatan" else ""
    best = [r[0] for r in con.execute(
        f"select max({column}) from {table} where desa_code like ? {latest} group by desa_code order by 1 desc limit 15",
        [region + ".%"],
    ).fetchall()]  # fmt: skip
    assert _values(ranking["x"]) == pytest.approx(best)
    rows = con.execute(f"select count(*) from {table} where desa_code like ?", [region + ".%"]).fetchone()[0]
    if sector == "kesehatan":
        rows //= 2  # two years stored; the page shows the latest
    assert len(at.dataframe[0].value) == min(rows, 500)  # 500 a page, the rest on the next pages
    if rows > 500:
        assert any(f"baris 1–500 dari {rows}" in c.value for c in at.caption)


@pytest.mark.parametrize("region", DEMO_KABUPATEN)
@pytest.mark.parametrize("sector", SECTORS)
def test_target_selection_page(app, region, sector):
    at = open_page(app, "pages/target_selection.py", wilayah=region, sektor=sector)
    assert not at.exception
    assert at.get("latex")
    shortlist = at.dataframe[0].value
    assert len(shortlist) == 20
    deck = _deck(at)
    assert len(_layer(deck, "wilayah")["data"]) == 20
    scores = list(shortlist.iloc[:, 4])
    assert scores == sorted(scores, reverse=True)
    at.select_slider(key="sasaran_lokasi_w_miskin").set_value(5.0).run()
    at.slider(key="sasaran_lokasi_n").set_value(10).run()
    assert not at.exception and len(at.dataframe[0].value) == 10


@pytest.mark.parametrize(
    "page", ["pages/map_explorer.py", "pages/sector_potential.py", "pages/target_selection.py"]
)
def test_planner_pages_for_a_kecamatan_in_english(app, page):
    at = open_page(app, page, wilayah=DEMO_KABUPATEN[0] + ".03", bahasa="en", sektor="umkm")
    assert not at.exception
    assert at.query_params["wilayah"] == DEMO_KABUPATEN[0] + ".03"
    if page != "pages/sector_potential.py":
        data = _layer(_deck(at), "wilayah")["data"]
        assert all(r["desa_code"].startswith(DEMO_KABUPATEN[0] + ".03.") for r in data)
        assert data[0]["title"].startswith("Village ")


def test_picked_object_reads_the_selection_state():
    from sinergi.planning.desa_profile import Picked, picked_object

    assert picked_object(None) is None
    assert picked_object({"selection": {"indices": {}, "objects": {}}}) is None
    region = {"selection": {"objects": {"wilayah": [{"desa_code": "99.02.01.2001", "name": "x"}]}}}
    assert picked_object(region) == Picked("99.02.01.2001", None)
    place = {"selection": {"objects": {"tempat_pasar": [{"desa_code": "99.02.01.2003", "place_id": "PL-1"}]}}}
    assert picked_object(place) == Picked("99.02.01.2003", "PL-1")


def test_province_potential_table_pages_and_its_downloads_hold_every_row(app, con):
    import io

    import pandas as pd
    from conftest import click_download

    at = open_page(app, "pages/sector_potential.py", wilayah="99", sektor="pangan")
    assert not at.exception
    rows = db.run_query("food_commodities", region="99")
    assert len(rows) > 1500  # four pages of 500: the province table is long enough to page
    pages = -(-len(rows) // 500)
    assert at.dataframe[0].value["Kode wilayah"].tolist() == rows["desa_code"][:500].tolist()
    assert any(f"Halaman 1 dari {pages}: baris 1–500 dari" in c.value for c in at.caption)
    at.number_input(key="potensi_page_99_pangan").set_value(pages).run()
    last = at.dataframe[0].value
    assert last["Kode wilayah"].tolist() == rows["desa_code"][(pages - 1) * 500 :].tolist()
    csv = next(b for b in at.get("download_button") if b.proto.label == "Unduh CSV")
    written = pd.read_csv(io.BytesIO(click_download(csv)), sep=";", encoding="utf-8-sig", dtype=str)
    assert written["Kode wilayah"].tolist() == rows["desa_code"].tolist()
