"""Every queries/*.sql runs against the demo database and has a caller; no SQL is built from strings."""

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEMO_AS_OF, DEMO_ROUNDS

from sinergi.data import db

ROOT = Path(__file__).resolve().parent.parent

# A sample value for every parameter name used in queries/*.sql. A new parameter needs a line here.
SAMPLE_PARAMS = {
    "region": "99.02",
    "parent_code": "99",
    **DEMO_ROUNDS,
    "as_of": DEMO_AS_OF,
    "moa_id": "MOA-0201",
    "show_names": False,
    "province_code": ["99"],
    "kabupaten_code": [],
    "area_level": "kecamatan",
    "page_size": 50,
    "gaps_only": False,
    "page_offset": 0,
    "targets_only": True,
}


# Columns that are legitimately empty for SAMPLE_PARAMS, with the reason.
EMPTY_BY_DESIGN = {
    ("left_behind_households", "head_name"): "show_names=False leaves names out",
    ("left_behind_households", "head_nik"): "show_names=False leaves NIK out",
    ("region_by_code", "kecamatan_code"): "a kabupaten lies in no kecamatan",
    ("region_by_code", "kecamatan_name"): "a kabupaten lies in no kecamatan",
}
UNSIGNED_SUFFIXES = ("_count", "_rp", "_km", "_km2", "_ha", "_ton", "_kw")


@pytest.mark.parametrize("name", db.query_names())
def test_query_returns_sound_values_on_demo(name):
    """Every query returns rows for a demo kabupaten; no column is wholly empty unless by design; amounts and
    counts are never negative and shares lie within 0-100. Each query's figures are checked against independent
    SQL or pandas in the test file of its page."""
    wanted = db.sql_parameters(db.load_sql(name))
    unknown = wanted - SAMPLE_PARAMS.keys()
    assert not unknown, f"add sample values for {sorted(unknown)} to SAMPLE_PARAMS"
    result = db.run_query(name, **SAMPLE_PARAMS)
    assert len(result) > 0, f"{name} returns no rows for {SAMPLE_PARAMS['region']}"
    empty = [c for c in result.columns if result[c].isna().all() and (name, c) not in EMPTY_BY_DESIGN]
    assert not empty, f"{name}: wholly empty columns {empty}"
    for column in result.columns:
        values = result[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        if column.endswith(UNSIGNED_SUFFIXES) and not column.startswith("days_"):
            assert (values.dropna() >= 0).all(), f"{name}.{column} has negative values"
        if column.endswith("_pct"):
            assert values.dropna().between(0, 100).all(), f"{name}.{column} outside 0-100"


def _code_text() -> str:
    files = [*ROOT.glob("sinergi/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    return "\n".join(p.read_text() for p in files)


def test_every_query_has_a_caller():
    code = _code_text()
    orphans = [n for n in db.query_names() if f'"{n}"' not in code]
    assert orphans == []


def test_query_files_bind_values_instead_of_templating():
    for path in (ROOT / "queries").glob("*.sql"):
        text = path.read_text()
        assert not re.search(r"\{[a-z_]+\}|%\(|%s", text), f"{path.name} looks templated"


def test_no_python_builds_sql_from_strings():
    pattern = re.compile(r"""(execute|sql)\(\s*f["']|\.format\(.*\b(select|where|from)\b""", re.IGNORECASE)
    offenders = []
    for path in [*ROOT.glob("sinergi/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        for no, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and "noqa: S608" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{no}")
    assert offenders == []


def test_run_query_requires_every_parameter():
    with pytest.raises(TypeError, match="needs parameters"):
        db.run_query("regions_under")


def test_load_sql_rejects_paths():
    with pytest.raises(ValueError):
        db.load_sql("../etc/passwd")


@pytest.mark.parametrize(("area", "kabupaten", "kecamatan"), [("99", 6, 67), ("99.02", 1, None)])
def test_region_outlines_are_the_area_kabupaten_and_kecamatan(con, area, kabupaten, kecamatan):
    got = db.run_query("region_outlines", region=area)
    expected_kec = con.execute(
        "select count(*) from region where level = 'kecamatan' and region_code like ?", [area + ".%"]
    ).fetchone()[0]
    assert (got["level"] == "kabupaten").sum() == kabupaten
    assert (got["level"] == "kecamatan").sum() == (kecamatan or expected_kec) == expected_kec
    assert got["geometry_geojson"].str.startswith('{"type"').all()
