"""Print the Peta Sebaran deck payload per kabupaten and the server time to switch sector/indicator (warm cache).

Run: python benchmarks/map_payload.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from sinergi.data import db
from sinergi.planning.map_indicators import SECTOR_PLACES, indicators_for
from sinergi.planning.poverty_map import build_poverty_map, hex_resolution, hexagon_rows

ROOT = Path(__file__).resolve().parent.parent


def payload_sizes() -> None:
    """Print the deck JSON size for each kabupaten with the density hexagons and all place layers on."""
    for region in ("99.01", "99.02", "99.03", "99.04", "99.05", "99.06", "99"):
        regions = db.run_query("location_indicators", region=region)
        places = db.run_query("map_places", region=region)
        hexes = hexagon_rows(db.run_query("extreme_poor_locations", region=region), hex_resolution(region))
        deck = build_poverty_map(
            regions, places, SECTOR_PLACES["semua"] + ("rumah_sakit",), "extreme_poor", "id", hexes
        )
        print(f"payload {region:6s} {len(deck.to_json().encode()):>9,d} bytes")


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
    payload_sizes()
    if "--no-timing" not in sys.argv:
        switch_times()
