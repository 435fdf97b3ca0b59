"""Print the Peta Sebaran deck payload per view (nation, provinces, kabupaten, kecamatan) and the server time to
switch sector/indicator (warm cache).

Run: python benchmarks/map_payload.py [--db FILE] [--no-timing]
     (--db: e.g. a national-shape demo, python -m sinergi.data.demo --shape national --households 1000000 --out FILE)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from sinergi.data import db
from sinergi.data.dataset_info import region_as_of
from sinergi.planning.map_areas import area_level
from sinergi.planning.map_indicators import SECTOR_PLACES, indicators_for
from sinergi.planning.poverty_map import build_poverty_map

ROOT = Path(__file__).resolve().parent.parent


def _deck_bytes(region: str, as_of: str, level: str | None) -> tuple[int, int, str]:
    """Return (bytes of the deck JSON as Streamlit sends it, polygons drawn, what they are) for a region's map as the
    page draws it by default, with every place layer and the outlines on (density off)."""
    if level:
        regions = db.run_query("location_indicators_by_area", region=region, as_of=as_of, area_level=level)
    else:
        regions = db.run_query("location_indicators", region=region, as_of=as_of)
    kabupaten = region[:5] if len(region) >= 5 else region
    places = db.run_query("map_places", region=kabupaten)
    outlines = db.run_query("region_outlines", region=kabupaten)
    layers = [*SECTOR_PLACES["semua"], "rumah_sakit"]
    deck = build_poverty_map(regions, places, layers, "extreme_poor", "id", outlines=outlines)
    return len(deck.to_json().encode()), len(regions), level or "desa"


def payload_sizes() -> None:
    """Print the deck JSON size of the nation (kabupaten, all provinces at once), the largest and smallest province,
    a kabupaten and a kecamatan, each at the level the page draws it."""
    info = dict(db.run_query("dataset_info").itertuples(index=False, name=None))
    provinces = db.run_query("region_selector_kabupaten")
    sizes = {
        code: int(db.run_query("region_desa_count", region=code)["desa_count"].iloc[0])
        for code in provinces["province_code"].unique()
    }
    ordered = sorted(sizes, key=sizes.get)
    kabupaten = provinces[provinces["province_code"] == ordered[-1]]["region_code"].iloc[0]
    kecamatan = db.run_query("regions_under", parent_code=kabupaten)["region_code"].iloc[0]
    print(f"{'view':34s} {'drawn':>14s} {'payload bytes':>14s}")
    # No page offers the whole country; this is what a national view of the same map would send.
    start = time.perf_counter()
    nation = pd.concat(
        [
            db.run_query(
                "location_indicators_by_area", region=p, as_of=region_as_of(info, p), area_level="kabupaten"
            )
            for p in ordered
        ]
    )
    deck = build_poverty_map(nation, pd.DataFrame(columns=["place_type"]), [], "extreme_poor", "id")
    seconds = time.perf_counter() - start
    drawn = f"{len(nation)} kabupaten"
    print(
        f"{'nation (no page yet)':34s} {drawn:>14s} {len(deck.to_json().encode()):>14,d}  ({seconds:.1f} s)"
    )
    views = [
        (f"largest province {ordered[-1]} ({sizes[ordered[-1]]} desa)", ordered[-1], "provinsi"),
        (f"smallest province {ordered[0]} ({sizes[ordered[0]]} desa)", ordered[0], "provinsi"),
        (f"kabupaten {kabupaten}", kabupaten, "kabupaten"),
        (f"kecamatan {kecamatan}", kecamatan, "kecamatan"),
    ]
    if (
        len(ordered) > 1 and sizes[ordered[-1]] > 2000
    ):  # the same large province drawn desa by desa, for scale
        views.insert(1, ("  same, desa by desa (not drawn)", ordered[-1], "desa"))
    for label, region, region_level in views:
        level = None if region_level == "desa" else area_level(region_level, sizes.get(region, 0))
        start = time.perf_counter()
        size, count, what = _deck_bytes(region, region_as_of(info, region), level)
        seconds = time.perf_counter() - start
        print(f"{label:34s} {f'{count} {what}':>14s} {size:>14,d}  ({seconds:.1f} s)")


def switch_times(region: str = "99.05", repeats: int = 5) -> None:
    """Print median AppTest rerun time when the sector or the indicator changes (data already cached)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["wilayah"] = region
    at.run()
    at.switch_page("pages/map_explorer.py")
    at.run()
    sector_runs, indicator_runs = [], []
    for _ in range(repeats):
        for sector in ("pangan", "energi", "kesehatan", "umkm", "semua"):
            at.segmented_control(key="peta_sector").set_value(sector)
            start = time.perf_counter()
            at.run()
            sector_runs.append(time.perf_counter() - start)
        for indicator in indicators_for("semua"):
            at.selectbox(key="peta_indicator_semua").select(indicator)
            start = time.perf_counter()
            at.run()
            indicator_runs.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    # The first pass warms the cache for each sector; report the later, warm passes.
    print(
        f"switch sector    median {1000 * statistics.median(sector_runs[5:]):.0f} ms (n={len(sector_runs) - 5})"
    )
    print(
        f"switch indicator median {1000 * statistics.median(indicator_runs[4:]):.0f} ms (n={len(indicator_runs) - 4})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: $SINERGI_DB or the demo)")
    parser.add_argument("--no-timing", action="store_true", help="payload sizes only")
    args = parser.parse_args()
    if args.db:
        os.environ["SINERGI_DB"] = args.db
    # a shared scale file is never rewritten by a benchmark (sinergi.ui.summary_refresh): stale summaries only warn
    os.environ.setdefault("SINERGI_SUMMARY_REFRESH", "off")
    payload_sizes()
    if not args.no_timing:
        switch_times()
