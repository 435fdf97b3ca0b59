"""Coded P3KE values as they come: canonical values pass, known spelling variants are mapped (p3ke_synonyms.csv),
blanks follow the documented rule (KOSONG where the code list has it, else LAINNYA), and an unknown value imports as
LAINNYA with its raw text kept (household_raw_value) and a warning counted per value. Work is per distinct value:
a million rows hold a few dozen."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from sinergi.data.importers import reading
from sinergi.data.importers.domains import P3KE_DOMAINS
from sinergi.data.importers.report import NOTE, WARNING, Report

_AROUND = re.compile(r"\s*([/-])\s*")
OTHER = "LAINNYA"
BLANK = "KOSONG"
YES = frozenset({"YA", "Y", "1", "TRUE", "BENAR", "IYA", "ADA", "PENERIMA"})
NO = frozenset({"TIDAK", "T", "N", "0", "FALSE", "SALAH", "BUKAN", "TIDAK ADA", "BUKAN PENERIMA", "-", ""})


def key(text: str) -> str:
    """Return the comparison key of a coded value: upper case, spaces collapsed, none around '/' and '-'."""
    return _AROUND.sub(r"\1", reading.squeeze(text).upper())


@cache
def synonyms() -> dict[str, dict[str, str]]:
    """Return {domain: {variant key: canonical value}} from the versioned table p3ke_synonyms.csv."""
    with resources.files("sinergi.data.importers").joinpath("p3ke_synonyms.csv").open("rb") as fh:
        table = pd.read_csv(fh, comment="#", dtype=str, keep_default_na=False)
    out: dict[str, dict[str, str]] = {}
    for domain, variant, canonical in table[["domain", "variant", "canonical"]].itertuples(index=False):
        allowed = {key(v): v for v in P3KE_DOMAINS[domain]} | {OTHER: OTHER}
        out.setdefault(domain, {})[key(variant)] = allowed[key(canonical)]
    return out


def blank_value(domain: str) -> str:
    """Return what a blank cell of a coded column becomes: KOSONG where the code list has it, else LAINNYA."""
    return BLANK if BLANK in P3KE_DOMAINS[domain] else OTHER


def canonical(
    raw: pd.Series, domain: str, column: str, rows: np.ndarray, report: Report, sheet: str = ""
) -> tuple[pd.Series, pd.Series]:
    """Return (canonical values, raw text of the unknown ones else NA) for one coded column; report each mapped
    variant and each blank fill as a note, and each unknown value as a warning, with its row count."""
    text = raw.astype("string").fillna("").str.strip()
    codes, uniques = pd.factorize(text)
    if not len(uniques):
        return pd.Series([], index=raw.index, dtype="string"), pd.Series([], index=raw.index, dtype="string")
    allowed = {key(v): v for v in P3KE_DOMAINS[domain]}
    variants = synonyms().get(domain, {})
    counts = np.bincount(codes, minlength=len(uniques))
    first = np.full(len(uniques), len(codes))
    np.minimum.at(first, codes, np.arange(len(codes)))
    values, unknown = [], []
    by_key: dict[str, list[int]] = {}
    for i, value in enumerate(uniques):
        k = key(str(value))
        by_key.setdefault(k, []).append(i)
        found = blank_value(domain) if k == "" else allowed.get(k) or variants.get(k)
        values.append(found or OTHER)
        unknown.append(found is None)
    for k, members in by_key.items():
        n, at = int(counts[members].sum()), int(rows[first[members].min()])
        shown = str(uniques[members[0]])
        if k == "":
            report.add(report.t("impor.p3ke.blank", value=blank_value(domain), count=n), NOTE, at, column, "",
                       sheet, n)  # fmt: skip
        elif unknown[members[0]]:
            report.add(report.t("impor.p3ke.unknown_value", raw=shown, count=n, other=OTHER,
                                allowed=", ".join(sorted(P3KE_DOMAINS[domain]))), WARNING, at, column, shown, sheet, n)  # fmt: skip
        elif k not in allowed:
            report.add(report.t("impor.p3ke.synonym", raw=shown, value=values[members[0]], count=n), NOTE, at,
                       column, shown, sheet, n)  # fmt: skip
    out = pd.Series(np.asarray(values, dtype=object)[codes], index=raw.index, dtype="string")
    kept = pd.Series(
        np.where(np.asarray(unknown)[codes], text.to_numpy(), None), index=raw.index, dtype="string"
    )
    return out, kept


def flags(raw: pd.Series, column: str, rows: np.ndarray, report: Report, sheet: str = "") -> pd.Series:
    """Return True for 'Ya' (and its spellings) in a Penerima … column; other words count as no, with a warning."""
    text = raw.astype("string").fillna("").str.strip()
    codes, uniques = pd.factorize(text)
    if not len(uniques):
        return pd.Series([], index=raw.index, dtype=bool)
    keys = [key(str(u)) for u in uniques]
    counts = np.bincount(codes, minlength=len(uniques))
    first = np.full(len(uniques), len(codes))
    np.minimum.at(first, codes, np.arange(len(codes)))
    for i, k in enumerate(keys):
        if k not in YES and k not in NO:
            n = int(counts[i])
            report.add(report.t("impor.p3ke.unknown_flag", raw=str(uniques[i]), count=n), WARNING,
                       int(rows[first[i]]), column, str(uniques[i]), sheet, n)  # fmt: skip
    return pd.Series(np.asarray([k in YES for k in keys])[codes], index=raw.index, dtype=bool)
