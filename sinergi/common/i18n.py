"""The label catalogue: every UI string by key, in Bahasa Indonesia (default) and English.

Catalogue files live in sinergi/common/locales/<area>.toml, one table per key with `id` and `en` entries, so that each
screen owns its file. Keys are unique across files.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALES_DIR = Path(__file__).parent / "locales"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return {key: {"id": ..., "en": ...}} merged from every locales/*.toml file."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            for key, entry in tomllib.load(fh).items():
                if key in merged:
                    raise ValueError(f"duplicate catalogue key {key!r} in {path.name}")
                merged[key] = entry
    return merged


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the label for key in lang, with {placeholders} filled; a missing key raises KeyError."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
