"""Region names that carry their own level word ("Kabupaten Brebes", "Desa Sukamaju", "KELURAHAN BREBES") get no
second one from the catalogue's templates: titles, map tooltips and the briefing read "Desa Sukamaju", never
"Desa Desa Sukamaju"; a name without one still gets it ("Desa Banjaran")."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from importer_helpers import REAL, needs_real

from sinergi.common.i18n import translate

pytestmark = needs_real


def _codes() -> pd.DataFrame:
    return pd.read_csv(REAL / "codes" / "kemendagri_brebes_3329.csv", dtype=str)


def test_real_kabupaten_name_keeps_one_level_word():
    name = _codes().query("level == 'kabupaten_kota'")["nama"].iloc[0]
    assert name == "Kabupaten Brebes"  # as the real source writes it
    assert translate("region.level.kabupaten", "id", name=name) == "Kabupaten Brebes"
    assert translate("region.level.kabupaten", "en", name=name) == "Kabupaten Brebes"
    assert translate("region.level.kabupaten", "id", name=name.upper()) == "KABUPATEN BREBES"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_real_desa_names_with_and_without_their_level_word(lang):
    codes = _codes().query("level == 'desa_kelurahan'")
    word = codes["jenis_desa"].str.capitalize()  # Desa / Kelurahan, as many exports prefix the name
    for plain, prefixed, kind in zip(codes["nama"], word + " " + codes["nama"], word, strict=True):
        bare = translate("peta.tooltip.desa", lang, name=plain)
        assert bare == (f"Desa {plain}" if lang == "id" else f"Village {plain}")
        assert translate("peta.tooltip.desa", lang, name=prefixed) == prefixed
        assert translate("peta.tooltip.desa", lang, name=prefixed.upper()) == prefixed.upper()
        assert translate("region.level.desa", lang, name=prefixed) == prefixed, kind
        where = translate("peta.place_card.where", lang, desa=prefixed, kecamatan="Kecamatan Salem")
        assert prefixed.lower() in where.lower() and f"{kind} {kind}".lower() not in where.lower()
        assert "Kecamatan Kecamatan" not in where and "Salem District" not in where


def test_a_level_word_of_another_level_is_part_of_the_name():
    from sinergi.common.i18n import without_doubled_level

    # a desa called "Kota Baru" is still a desa; a kecamatan called "Desa Baru" keeps "Kecamatan"
    assert translate("peta.tooltip.desa", "id", name="Kota Baru") == "Desa Kota Baru"
    assert translate("peta.tooltip.kecamatan", "id", name="Desa Baru") == "Kecamatan Desa Baru"
    assert without_doubled_level("Desa Banjarharjo", "Desa Banjar") == "Desa Banjarharjo"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_map_tooltips_of_real_desa_say_the_level_once(lang):
    from sinergi.common.suppressed import Count
    from sinergi.planning.poverty_map import region_rows

    features = json.loads((REAL / "boundaries" / "brebes_3329_desa.geojson").read_text())["features"][:20]
    kinds = _codes().set_index("kode")["jenis_desa"]
    names = [
        f"{kinds.get(f['properties']['kode'], 'desa').capitalize()} {f['properties']['nama']}"
        for f in features
    ]
    regions = pd.DataFrame(
        {
            "desa_code": [f["properties"]["kode"] for f in features],
            "name": names,
            "kecamatan_name": "Kecamatan Salem",
            "extreme_poor_households_count": [Count(10 + i) for i in range(len(features))],
            "geometry_geojson": [json.dumps(f["geometry"]) for f in features],
        }
    )
    rows = region_rows(regions, "extreme_poor", lang)
    titles = {r["desa_code"]: r["title"] for r in rows}
    assert [titles[c] for c in regions["desa_code"]] == names
    assert {r["line1"] for r in rows} == {"Kecamatan Salem"}
