"""Geometry that cannot be right is refused unless warnings are accepted (issue 13): swapped coordinates, regions
outside Indonesia, outside their province's extent, far outside their parent, or moving an existing outline far.
Each finding names the code, the file and the feature's row within that file; refusals leave the database
byte-identical."""

import json

import duckdb
import pytest
import shapely
from importer_helpers import brebes_files, copy_demo, needs_real, sha

from sinergi.data.importers import execute, prepare


def _square(lon: float, lat: float, size: float = 0.02) -> dict:
    return json.loads(shapely.to_geojson(shapely.box(lon, lat, lon + size, lat + size)))


def _geojson(*features: tuple[str, dict]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"kode": code}, "geometry": g} for code, g in features
            ],
        }
    ).encode()


def _swap(geometry: dict) -> dict:
    ring = [[y, x] for x, y in geometry["coordinates"][0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def demo_copy(tmp_path):
    return copy_demo(tmp_path)


def _region(path, code):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select centroid_lon, centroid_lat from region where region_code = ?", [code]
        ).fetchone()
    finally:
        con.close()


def _messages(prepared, severity):
    frame = prepared.report.frame()
    return frame[frame["severity"] == severity]


def test_swapped_coordinates_are_an_error_with_the_fix(demo_copy):
    lon, lat = _region(demo_copy, "99.02.01.2001")
    before = sha(demo_copy)
    data = _geojson(("99.02.01.2001", _swap(_square(lon, lat))))
    prepared = prepare("boundaries", [("tertukar.geojson", data)], demo_copy)
    outcome = execute(prepared, user="uji", accept_warnings=True, path=demo_copy)
    assert outcome.status == "blocked"
    errors = _messages(prepared, "error")
    assert errors[["file", "row"]].values.tolist() == [["tertukar.geojson", 1]]
    assert "ditukar" in errors["message"].iloc[0] and "99.02.01.2001" in errors["value"].iloc[0]
    assert sha(demo_copy) == before


def test_region_outside_indonesia_needs_acceptance(demo_copy):
    before = sha(demo_copy)
    data = _geojson(("99.02.01.2001", _square(150.0, -30.0)))
    prepared = prepare("boundaries", [("australia.geojson", data)], demo_copy)
    assert prepared.report.errors == 0
    assert _messages(prepared, "warning")["message"].str.contains("di luar Indonesia").any()
    assert execute(prepared, user="uji", path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before


def test_code_placed_in_another_province_needs_acceptance(demo_copy):
    # 53.02.01 (Timor Tengah Selatan, NTT) drawn in Central Java
    before = sha(demo_copy)
    prepared = prepare(
        "boundaries", [("ntt.geojson", _geojson(("53.02.01", _square(110.4, -7.3))))], demo_copy
    )
    warnings = _messages(prepared, "warning")
    line = warnings[warnings["message"].str.contains("provinsi")]
    assert line[["file", "row"]].values.tolist() == [["ntt.geojson", 1]]
    assert "53.02.01" in line["value"].iloc[0] and "Nusa Tenggara Timur" in line["value"].iloc[0]
    assert execute(prepared, user="uji", path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before


def test_outline_moved_far_and_outside_its_parent_needs_acceptance(demo_copy):
    lon, lat = _region(demo_copy, "99.02.01.2001")
    before = sha(demo_copy)
    data = _geojson(("99.02.01.2001", _square(lon + 0.9, lat)))  # about 100 km east
    prepared = prepare("boundaries", [("geser.geojson", data)], demo_copy)
    warnings = _messages(prepared, "warning")
    assert warnings["message"].str.contains("titik tengah").any()
    assert warnings["message"].str.contains("induknya").any()
    assert execute(prepared, user="uji", path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status == "written"


def test_a_small_correction_is_accepted_without_warnings(demo_copy):
    lon, lat = _region(demo_copy, "99.02.01.2001")
    data = _geojson(("99.02.01.2001", _square(lon - 0.005, lat - 0.005, 0.01)))
    prepared = prepare("boundaries", [("koreksi.geojson", data)], demo_copy)
    assert prepared.report.errors == 0 and prepared.report.warnings == 0, prepared.report.frame()


def test_rows_are_numbered_within_each_file(demo_copy):
    lon, lat = _region(demo_copy, "99.02.01.2001")
    first = _geojson(*[(f"99.02.01.200{i}", _square(lon, lat, 0.001)) for i in (1, 2, 3)])
    second = _geojson(
        *[(f"99.02.01.200{i}", _square(lon, lat, 0.001)) for i in (4, 5, 6, 7)],
        ("99.02.01.x", _square(lon, lat)),
    )
    before = sha(demo_copy)
    prepared = prepare("boundaries", [("a.geojson", first), ("b.geojson", second)], demo_copy)
    errors = _messages(prepared, "error")
    assert errors[["file", "row"]].values.tolist() == [["b.geojson", 5]]
    assert execute(prepared, user="uji", accept_warnings=True, path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before


@needs_real
def test_real_brebes_boundaries_import_with_notes_only(demo_copy):
    prepared = prepare("boundaries", brebes_files(), demo_copy)
    assert prepared.report.errors == 0 and prepared.report.warnings == 0, prepared.report.frame()
    assert execute(prepared, user="uji", path=demo_copy).status == "written"


@needs_real
def test_brebes_code_drawn_in_ntt_does_not_replace_salem(demo_copy):
    execute(prepare("boundaries", brebes_files(), demo_copy), user="uji", path=demo_copy)
    salem = _region(demo_copy, "33.29.01")
    before = sha(demo_copy)
    ntt = {
        "type": "MultiPolygon",
        "coordinates": [_square(124.0, -9.8)["coordinates"], _square(124.1, -9.9)["coordinates"]],
    }
    prepared = prepare("boundaries", [("salem.geojson", _geojson(("33.29.01", ntt)))], demo_copy)
    warnings = _messages(prepared, "warning")
    found = " ".join(warnings["message"])
    assert "provinsi" in found and "induknya" in found and "titik tengah" in found
    assert set(warnings["row"]) == {1} and set(warnings["file"]) == {"salem.geojson"}
    assert execute(prepared, user="uji", path=demo_copy).status == "blocked"
    assert sha(demo_copy) == before and _region(demo_copy, "33.29.01") == salem
