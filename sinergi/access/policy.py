"""Who may see what: roles, region scope, masked identities and protected counts (pure, no Streamlit).

Every page reads data through `sinergi.ui.data.load`, which calls `protect_result` here with the signed-in viewer,
so the rules hold for every page without the page doing anything. Per-query rules come from the header line every
SQL file carries (tests/test_privacy_rules.py), e.g.
`-- privacy: counts=households_count,members_count; personal=lon,lat; household-rows; admin-only`.
The method (exact headline totals, breakdown cells rounded to base 5, "<5" for 1-4) is in docs/privacy.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from sinergi.common.amounts import amount_cells
from sinergi.common.nik import mask_niks
from sinergi.common.suppressed import Count, protected_share, share_cells
from sinergi.data import db

ROLES = ("admin", "perencana", "pimpinan", "monev", "tamu")
# Roles that may read names, NIK, birth dates and exact dwelling coordinates (within their scope). Admin imports the
# raw register, names included, so hiding names from admin would protect nothing; its by-name views are audited.
BY_NAME_ROLES = frozenset({"admin", "perencana"})
# Roles bound to one kabupaten; the others see the whole database.
SCOPED_ROLES = frozenset({"perencana", "pimpinan"})
# Columns that identify a person whatever the query; queries can add more with `personal=`.
PERSONAL_COLUMNS = frozenset({"head_name", "head_nik", "head_birth_on", "nik", "name_head", "birth_on"})
# In a frame with one row per household, these locate a dwelling; for other frames they are public (desa centroids).
DWELLING_COLUMNS = frozenset({"lon", "lat", "longitude", "latitude"})
_CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


@dataclass(frozen=True)
class Viewer:
    username: str
    role: str
    scope: str | None = None  # kabupaten code for scoped roles; None means the whole database

    @property
    def by_name(self) -> bool:
        """Whether this viewer may read names and NIK (inside the scope)."""
        return self.role in BY_NAME_ROLES

    def in_scope(self, code: str) -> bool:
        """Return True when a region code lies inside the viewer's scope."""
        return self.scope is None or code == self.scope or code.startswith(self.scope + ".")


def make_viewer(username: str, role: str, scope: str | None) -> Viewer:
    """Return a Viewer; scoped roles must have a kabupaten code, the others get the whole database."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role in SCOPED_ROLES:
        if not scope or not _CODE_RE.match(scope) or len(scope) != 5:
            raise ValueError(f"role {role} needs a kabupaten scope like 99.02, got {scope!r}")
        return Viewer(username, role, scope)
    return Viewer(username, role, None)


@dataclass(frozen=True)
class QueryPolicy:
    declared: bool = False  # the SQL file has a `-- privacy:` line
    counts: frozenset[str] = field(default_factory=frozenset)  # columns that count people or households
    # (column, key column, key values): the column counts people except in rows whose key is one of the values
    counts_unless: tuple[tuple[str, str, frozenset[str]], ...] = ()
    shares: tuple[tuple[str, str], ...] = ()  # (percent column, the count it is a share of)
    personal: frozenset[str] = field(default_factory=frozenset)
    household_rows: bool = False  # one row per household: by-name roles only, others get an aggregate
    admin_only: bool = False
    # (Rupiah column, the count it is summed over): shown for the count as shown (docs/privacy.md, rule 7)
    amounts: tuple[tuple[str, str], ...] = ()
    amounts_declared: bool = False  # an `amounts=` rule, possibly `amounts=none (why)`


_UNLESS_RE = re.compile(r"^(?P<cols>[\w,\s]+?)\s+unless\s+(?P<key>\w+)\s*=\s*(?P<values>[\w|]+)$")


def parse_policy(sql: str) -> QueryPolicy:
    """Return the rules a query's `-- privacy:` header lines declare.

    Rules, separated by `;` (text in brackets is a remark for readers):
    `counts=a_count,b_count` (or `counts=none`: nothing in it counts people); `counts=value unless kpi_code=x|y`
    (a count except in those rows); `shares=pct/den_count` (a percentage of a count); `personal=x,y`;
    `household-rows`; `admin-only`; `amounts=amount_rp/interventions_count` (Rupiah summed over the households or
    interventions that count counts, rule 7; or `amounts=none (why)`).
    """
    declared = False
    counts: set[str] = set()
    unless: list[tuple[str, str, frozenset[str]]] = []
    shares: list[tuple[str, str]] = []
    personal: set[str] = set()
    household_rows = admin_only = amounts_declared = False
    amounts: list[tuple[str, str]] = []
    for line in sql.splitlines():
        m = re.match(r"^\s*--\s*privacy:\s*(.*)$", line)
        if not m:
            continue
        declared = True
        text = re.sub(r"\([^)]*\)", "", m.group(1))
        for part in (p.strip() for p in text.split(";")):
            key, _, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if key == "counts" and (cond := _UNLESS_RE.match(value)):
                cols = [c.strip() for c in cond["cols"].split(",") if c.strip()]
                unless += [(c, cond["key"], frozenset(cond["values"].split("|"))) for c in cols]
                continue
            names = [v.strip() for v in value.split(",") if v.strip() and v.strip() != "none"]
            if key == "counts":
                counts.update(names)
            elif key == "shares":
                shares += [tuple(n.split("/", 1)) for n in names]  # type: ignore[misc]
            elif key == "personal":
                personal.update(names)
            elif key == "amounts":
                amounts_declared = True
                amounts += [tuple(n.split("/", 1)) for n in names]  # type: ignore[misc]
            elif key == "household-rows":
                household_rows = True
            elif key == "admin-only":
                admin_only = True
            elif key:
                raise ValueError(f"unknown privacy rule {key!r}")
    return QueryPolicy(
        declared,
        frozenset(counts),
        tuple(unless),
        tuple(shares),
        frozenset(personal),
        household_rows,
        admin_only,
        tuple(amounts),
        amounts_declared,
    )


@cache
def query_policy(name: str) -> QueryPolicy:
    """Return the privacy rules of queries/<name>.sql."""
    return parse_policy(db.load_sql(name))


class AccessDenied(PermissionError):
    """The viewer asked for a query, region or page outside their rights."""


def region_params(params: dict[str, object]) -> dict[str, str]:
    """Return the parameters that name a region: `region` and any `*_code` holding a region code."""
    found = {}
    for key, value in params.items():
        if key == "region" or key.endswith("_code"):
            values = value if isinstance(value, list | tuple) else [value]
            for v in values:
                if isinstance(v, str) and (key == "region" or _CODE_RE.match(v)):
                    found[f"{key}={v}"] = v
    return found


def check_request(
    viewer: Viewer | None, name: str, params: dict[str, object], aggregated: bool = False
) -> None:
    """Raise AccessDenied unless viewer may run query name with params (signed in, admin-only, region scope, and
    household rows to by-name roles only unless `aggregated`)."""
    if viewer is None:
        raise AccessDenied("not signed in")
    policy = query_policy(name)
    if policy.admin_only and viewer.role != "admin":
        raise AccessDenied(f"query {name} is for admin only")
    if policy.household_rows and not viewer.by_name and not aggregated:
        raise AccessDenied(f"query {name} returns households: {viewer.role} gets an aggregate of it only")
    for label, code in region_params(params).items():
        if not _CODE_RE.match(code):
            raise AccessDenied(f"not a region code: {label!r}")
        if not viewer.in_scope(code):
            raise AccessDenied(f"{label} is outside the scope of {viewer.username}")


def mask_name(name: object) -> object:
    """Return a name with most letters hidden: 'Yohanes Lamak' -> 'Yo***s L***'."""
    if not isinstance(name, str) or not name.strip():
        return name
    words = name.split()
    first = words[0]
    head = f"{first[:2]}***{first[-1]}" if len(first) > 3 else f"{first[:1]}***"
    return " ".join([head, *(f"{w[:1]}***" for w in words[1:])])


def _mask_column(column: str, series: pd.Series) -> pd.Series:
    if "nik" in column:
        return mask_niks(series)
    if "name" in column:
        return series.map(mask_name)
    if column in DWELLING_COLUMNS:
        return series.round(2)  # about 1 km: the desa, not the dwelling
    return pd.Series([None] * len(series), index=series.index, dtype=object)  # birth dates and the rest


def personal_columns(frame: pd.DataFrame, policy: QueryPolicy) -> list[str]:
    """Return the columns of frame that identify a person under policy."""
    per_household = "household_id" in frame.columns
    return [
        c
        for c in frame.columns
        if c in PERSONAL_COLUMNS or c in policy.personal or (per_household and c in DWELLING_COLUMNS)
    ]


def count_columns(frame: pd.DataFrame, policy: QueryPolicy) -> list[str]:
    """Return the columns of frame that count people (in some or all rows): declared ones, and every *_count
    column of a query without a rule (a query that forgets its rule is protected, not exposed)."""
    if policy.declared:
        conditional = {c for c, _, _ in policy.counts_unless}
        return [c for c in frame.columns if c in policy.counts or c in conditional]
    return [c for c in frame.columns if c.endswith("_count")]


def _as_counts(values: pd.Series, exact: bool) -> pd.Series:
    # isna, not v != v: a count a left join did not find is pd.NA (a desa without demography), whose truth value
    # raises; one vectorised isna, not pd.isna per cell (~3x faster: a province's per-desa frame has ~11,000 counts)
    missing = values.isna().to_numpy()
    return pd.Series(
        [v if gap else Count(round(float(v)), exact) for v, gap in zip(values, missing, strict=True)],
        index=values.index,
        dtype=object,
    )


def wrap_counts(frame: pd.DataFrame, policy: QueryPolicy, exact: bool) -> pd.DataFrame:
    """Return frame with its people counts as Count cells (true inside, protected outside) and, for protected
    viewers, its declared shares as a breakdown may show them."""
    frame = frame.copy()
    if not exact:
        for pct, den in policy.shares:
            if pct in frame.columns and den in frame.columns:
                part = [
                    None if p != p or d != d else round(p * d / 100.0)
                    for p, d in zip(frame[pct], frame[den], strict=True)
                ]
                # Share cells: tables write them as rounded shares ("95 %") and a withheld one as a word, however the
                # frame is merged or renamed on its way to the table (sinergi.common.display)
                frame[pct] = share_cells(
                    [
                        None if p is None else protected_share(Count(p), Count(round(d)))
                        for p, d in zip(part, frame[den].fillna(0), strict=True)
                    ],
                    frame.index,
                )
    conditional = {c: (k, v) for c, k, v in policy.counts_unless}
    for column in count_columns(frame, policy):
        wrapped = _as_counts(frame[column], exact)
        if column in conditional and column not in policy.counts:
            key, values = conditional[column]
            keep = frame[key].isin(values) if key in frame.columns else pd.Series(False, index=frame.index)
            frame[column] = frame[column].astype(object).where(keep, wrapped)
        else:
            frame[column] = wrapped
    return frame


def wrap_amounts(frame: pd.DataFrame, policy: QueryPolicy) -> pd.DataFrame:
    """Return frame (its counts already Count cells) with each declared amount as Amount cells tied to the count
    of its row: true for arithmetic, shown for the count as shown (docs/privacy.md, rule 7)."""
    for amount, count in policy.amounts:
        if amount in frame.columns and count in frame.columns:
            frame[amount] = amount_cells(frame[amount], frame[count])
    return frame


def protect_result(
    frame: pd.DataFrame,
    viewer: Viewer,
    policy: QueryPolicy,
    aggregate: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, bool]:
    """Return (frame as viewer may see it, whether unmasked personal columns were returned).

    By-name roles get names and NIK as stored; pimpinan and monev get them masked; tamu gets them removed; all
    three get dwelling coordinates coarsened to about 1 km. `aggregate` (per desa, per hexagon ...) runs on the
    raw rows first, so household rows never leave this function for roles without by-name access. Every count of people
    becomes a Count: exact for by-name roles, protected for the others (docs/privacy.md).
    """
    if aggregate is not None:
        frame = aggregate(frame)
        policy = QueryPolicy(True, frozenset(c for c in frame.columns if c.endswith("_count")))
    frame = frame.copy()
    personal = personal_columns(frame, policy)
    if viewer.by_name:
        return wrap_amounts(wrap_counts(frame, policy, exact=True), policy), bool(personal) and len(frame) > 0
    for column in personal:
        if viewer.role == "tamu" and column not in DWELLING_COLUMNS:
            frame = frame.drop(columns=column)  # a guest gets no identity at all, not even a masked one
        else:
            frame[column] = _mask_column(column, frame[column])
    return wrap_amounts(wrap_counts(frame, policy, exact=False), policy), False


def fetch_as(viewer: Viewer) -> Callable[..., pd.DataFrame]:
    """Return fetch(name, **params): a named query run with viewer's rules, outside Streamlit (scripts, benchmarks,
    the briefing files); pages use sinergi.ui.data.load, which adds the cache and the audit of by-name views."""

    def fetch(
        name: str, aggregate: Callable[[pd.DataFrame], pd.DataFrame] | None = None, **params: object
    ) -> pd.DataFrame:
        check_request(viewer, name, params, aggregated=aggregate is not None)
        return protect_result(db.run_query(name, **params), viewer, query_policy(name), aggregate)[0]

    return fetch
