"""The label catalogue: every UI string by key, in Bahasa Indonesia (default) and English.

Catalogue files live in sinergi/common/locales/<area>.toml, one table per key with `id` and `en` entries, so that each
screen owns its file. Keys are unique across files.
"""

from __future__ import annotations

import re
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


# Region names sometimes carry their own level word (imported "Kabupaten Brebes", a desa called "Desa Sukamaju"):
# a template's level word beside such a name is dropped, so that no one reads "Desa Desa Sukamaju". Per level: the
# words a name may start with, and the words a template writes before or after a name of that level (id and en).
_LEVEL_WORDS = (
    (("desa", "kelurahan"), ("desa", "kelurahan", "village")),
    (("kecamatan",), ("kecamatan", "kec.", "district")),
    (("kabupaten", "kota"), ("kabupaten", "kab.", "kota", "regency", "city")),
    (("provinsi",), ("provinsi", "prov.", "province")),
)
_NAMED_LEVEL = re.compile(
    r"^(" + "|".join(w for starts, _ in _LEVEL_WORDS for w in starts) + r")\s", re.IGNORECASE
)


def _template_words(name: str) -> tuple[str, ...]:
    """Return the template words of the level a name's own first word names ((), when it names none)."""
    first = _NAMED_LEVEL.match(name)
    if not first:
        return ()
    word = first.group(1).lower()
    return next(words for starts, words in _LEVEL_WORDS if word in starts)


def without_doubled_level(text: str, name: str) -> str:
    """Return text with the level word a template put beside name dropped when name starts with its own level word
    (Desa Desa Sukamaju -> Desa Sukamaju; Village Desa Sukamaju, Kabupaten Brebes Regency -> the name alone)."""
    words = _template_words(name)
    if not words:
        return text
    alternatives = "|".join(re.escape(w) for w in words)
    named = re.escape(name)
    text = re.sub(rf"(?<!\w)(?:{alternatives})\s+(?={named})", "", text, flags=re.IGNORECASE)
    return re.sub(rf"(?<={named})\s+(?:{alternatives})(?!\w)", "", text, flags=re.IGNORECASE)


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the label for key in lang, with {placeholders} filled; a missing key raises KeyError.

    A region name that carries its level word gets no second one from the template (without_doubled_level)."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if not values:
        return text
    text = text.format(**values)
    for value in values.values():
        if isinstance(value, str) and _NAMED_LEVEL.match(value):
            text = without_doubled_level(text, value)
    return text
