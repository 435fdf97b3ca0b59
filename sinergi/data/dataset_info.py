"""What dataset_info says about the data: synthetic demo, real imports, or both (the importers keep it current)."""

from __future__ import annotations

from datetime import date


def is_synthetic_region(info: dict[str, str], region_code: str) -> bool:
    """Return True when a region's data is the synthetic demo: the whole database is (is_synthetic 'true'), or the
    region lies in a province that held the demo before the first real import (synthetic_provinces)."""
    if info.get("is_synthetic", "true") == "true":
        return True
    return region_code[:2] in info.get("synthetic_provinces", "").split(",")


def region_as_of(info: dict[str, str], region_code: str) -> date:
    """Return the one as-of date of a region's figures: the demo's date for synthetic data; for real data the date
    its data carries (real_as_of, written by every import from rounds, verification and the P3KE period), else the
    dataset's as_of. Never the import's clock: a boundaries-only import must not move the date (walk1 item 6)."""
    synthetic = is_synthetic_region(info, region_code)
    stamp = info["as_of"] if synthetic else info.get("real_as_of") or info["as_of"]
    return date.fromisoformat(stamp[:10])
