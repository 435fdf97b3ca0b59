"""What dataset_info says about the data: synthetic demo, real imports, or both (the importers keep it current)."""

from __future__ import annotations


def is_synthetic_region(info: dict[str, str], region_code: str) -> bool:
    """Return True when a region's data is the synthetic demo: the whole database is (is_synthetic 'true'), or the
    region lies in a province that held the demo before the first real import (synthetic_provinces)."""
    if info.get("is_synthetic", "true") == "true":
        return True
    return region_code[:2] in info.get("synthetic_provinces", "").split(",")
