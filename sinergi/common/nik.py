"""The one way a NIK (Nomor Induk Kependudukan, the national ID number) is masked, wherever it is shown to someone
who may not read it whole: query results for roles without by-name access (sinergi.access.policy) and the import
reports that are downloaded and shared (sinergi.data.importers).

The rule (docs/privacy.md, UU 27/2022 on personal data): a well-formed NIK, 16 digits once spaces, dots,
apostrophes and dashes are dropped, keeps its first 6 digits, the province, kabupaten and kecamatan that issued it
(public region codes), and hides the 10 that follow: the birth date (whose day also gives the sex) and the serial
number, which together with the region single a person out. Any other value is hidden whole, one `*` a character,
because its first characters may be something else (a name typed into the NIK column); its length still shows
what is wrong with it. Missing and empty values stay as they are.

    3329012345670001      -> 332901**********
    3329 0123 4567 0001   -> 332901**********
    332901234567000       -> ***************
"""

from __future__ import annotations

import math
import re

import pandas as pd

KEPT_DIGITS = 6
NIK_DIGITS = 16
_SEPARATORS = (
    r"[ \t.'\-]"  # how NIKs are typed or exported: 3329 0123..., 3329.0123..., '3329... (Excel text)
)
_WELL_FORMED = rf"[0-9]{{{NIK_DIGITS}}}"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def mask_nik(value: object) -> object:
    """Return value masked by the rule above (3329012345670001 -> 332901**********); numbers are read as text."""
    if _missing(value):
        return value
    text = str(value)
    if not text:
        return value
    digits = re.sub(_SEPARATORS, "", text)
    if re.fullmatch(_WELL_FORMED, digits):
        return digits[:KEPT_DIGITS] + "*" * (NIK_DIGITS - KEPT_DIGITS)
    return "*" * len(text)


def mask_niks(values: pd.Series) -> pd.Series:
    """Return mask_nik of every value, vectorised (an import report may flag every row of a large file)."""
    text = (
        values.astype(object)
        .where(values.notna(), None)
        .map(str, na_action="ignore")
        .astype("string[python]")
    )
    digits = text.str.replace(_SEPARATORS, "", regex=True)
    well_formed = digits.str.fullmatch(_WELL_FORMED).fillna(False).astype(bool)
    hidden = text.str.replace(r"(?s).", "*", regex=True)
    masked = hidden.mask(well_formed, digits.str[:KEPT_DIGITS] + "*" * (NIK_DIGITS - KEPT_DIGITS))
    keep = values.isna().to_numpy() | text.eq("").fillna(False).to_numpy()
    return masked.astype(object).where(~keep, values.astype(object))
