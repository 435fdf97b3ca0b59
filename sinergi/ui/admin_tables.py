"""The administration tables as an admin reads them: event and role words, times to the minute, details in words."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from sinergi.common.cells import Formatter
from sinergi.common.fmt import fmt_datetime, fmt_number
from sinergi.common.i18n import catalogue, translate


def _word(key: str, code: object, lang: str) -> str:
    if not isinstance(code, str) or not code:
        return ""
    return translate(key, lang) if key in catalogue() else code


def _detail_text(detail: object, lang: str) -> str:
    """Return an audit detail (JSON) as 'Label: value · Label: value'."""
    if not isinstance(detail, str) or not detail:
        return ""
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    parts = []
    for key, value in data.items():
        if value is None:
            if key != "scope":  # an unknown address says nothing; an unbounded scope is "all regions"
                continue
            value = translate("akun.scope_all_regions", lang)
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = fmt_number(value, lang)
        parts.append(f"{_word(f'audit.detail.{key}', key, lang)}: {value}")
    return " · ".join(parts)


def _times(values: pd.Series) -> pd.Series:
    # times stay times (ISO text read as UTC): written in words by the table's formatter, sorted by the browser as
    # times; as words "10 Januari" came before "2 Januari"
    return pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")


def time_formats(lang: str, columns: tuple[str, ...] = ("at_utc", "imported_at")) -> dict[str, Formatter]:
    """Return show_table formats writing the time columns of the audit and import logs to the minute ("UTC" after
    the audit's, which is kept in UTC)."""
    return {
        column: (lambda v: f"{fmt_datetime(v, lang)} UTC")
        if column == "at_utc"
        else (lambda v: fmt_datetime(v, lang))
        for column in columns
    }


def audit_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return audit events with the role, event, page and detail written in words (the time as a time: its words
    come from time_formats)."""
    out = frame.copy()
    out["at_utc"] = _times(out["at_utc"])
    out["role"] = out["role"].map(lambda r: _word(f"akses.role.{r}", r, lang).capitalize())
    out["event"] = out["event"].map(lambda e: _word(f"audit.event.{e}", e, lang))
    out["page"] = out["page"].map(lambda p: _word(f"{p}.title", p, lang))
    out["detail"] = out["detail"].map(lambda d: _detail_text(d, lang))
    return out


def account_rows(accounts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return accounts with the role in words and the scope 'all regions' when unbounded."""
    out = accounts.copy()
    out["role"] = out["role"].map(lambda r: _word(f"akses.role.{r}", r, lang).capitalize())
    # a comprehension, not Series.map: pandas hands None over as NaN, which is truthy, and the table read "None"
    out["scope"] = [
        s if isinstance(s, str) and s else translate("akun.scope_all_regions", lang) for s in out["scope"]
    ]
    return out


def store_kind(url: str) -> str:
    """Return the kind of account store an admin may read (SQLite, PostgreSQL), never its path or host."""
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL", "postgres": "PostgreSQL"}.get(scheme, scheme)


def import_log_rows(log: pd.DataFrame, lang: str, kind_label: Callable[[str], str]) -> pd.DataFrame:
    """Return the import history with the kind in words (the time as a time: its words come from time_formats)."""
    out = log.copy()
    out["imported_at"] = _times(out["imported_at"])
    out["kind"] = out["kind"].map(kind_label)
    return out
