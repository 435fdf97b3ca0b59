"""Who may see what: roles, region scope, masked identities and small-count suppression (pure, no Streamlit).

Every page reads data through `sinergi.ui.data.load`, which calls `protect_result` here with the signed-in viewer,
so the rules hold for every page without the page doing anything. Per-query rules come from a header line in the
SQL file: `-- privacy: small-counts=a_count,b_count; personal=lon,lat; groups=kabupaten_code; admin-only`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from lokal import partial_mask

from sinergi.common.suppressed import SMALL_COUNT
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
SMALL_COUNT_LIMIT = 5
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
    small_counts: frozenset[str] | None = None  # None: every *_count column
    personal: frozenset[str] = field(default_factory=frozenset)
    groups: tuple[str, ...] = ()
    admin_only: bool = False


def parse_policy(sql: str) -> QueryPolicy:
    """Return the rules a query's `-- privacy:` header lines declare."""
    small: frozenset[str] | None = None
    personal: set[str] = set()
    groups: tuple[str, ...] = ()
    admin_only = False
    for line in sql.splitlines():
        m = re.match(r"^\s*--\s*privacy:\s*(.*)$", line)
        if not m:
            continue
        text = re.sub(r"\([^)]*\)", "", m.group(1))  # (remarks) are for readers
        for part in (p.strip() for p in text.split(";")):
            key, _, value = part.partition("=")
            names = [v.strip() for v in value.split(",") if v.strip() and v.strip() != "none"]
            if key.strip() == "small-counts":
                small = frozenset(names)
            elif key.strip() == "personal":
                personal.update(names)
            elif key.strip() == "groups":
                groups = tuple(names)
            elif key.strip() == "admin-only":
                admin_only = True
    return QueryPolicy(small, frozenset(personal), groups, admin_only)


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


def check_request(viewer: Viewer | None, name: str, params: dict[str, object]) -> None:
    """Raise AccessDenied unless viewer may run query name with params (signed in, admin-only, region scope)."""
    if viewer is None:
        raise AccessDenied("not signed in")
    if query_policy(name).admin_only and viewer.role != "admin":
        raise AccessDenied(f"query {name} is for admin only")
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


def mask_nik(nik: object) -> object:
    """Return a NIK with the middle hidden: 3329012345670001 -> 3329********0001."""
    if not isinstance(nik, str) or not nik:
        return nik
    return partial_mask("NIK", nik) if len(nik) == 16 and nik.isdigit() else "*" * len(nik)


def _mask_column(column: str, series: pd.Series) -> pd.Series:
    if "nik" in column:
        return series.map(mask_nik)
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
    """Return the columns whose small values are suppressed: declared ones, else every *_count column."""
    wanted = policy.small_counts
    return [c for c in frame.columns if (c in wanted if wanted is not None else c.endswith("_count"))]


def suppress_small_counts(values: pd.Series) -> pd.Series:
    """Suppress counts 1-4 in one group of cells, with complementary suppression.

    Rule: every count from 1 to 4 becomes SMALL_COUNT. If any cell is suppressed, further non-zero cells are
    suppressed, smallest first, until at least two are and the suppressed cells sum to 5 or more, so that a total
    shown beside the group cannot give back a suppressed cell by subtraction. Zeros stay (they are not suppressed
    and never serve as a complement, since hiding a zero hides nothing).
    """
    numbers = pd.to_numeric(values, errors="coerce")
    hidden = (numbers > 0) & (numbers < SMALL_COUNT_LIMIT)
    if hidden.any():
        candidates = numbers[(numbers > 0) & ~hidden].sort_values(kind="stable")
        for index in candidates.index:
            if hidden.sum() >= 2 and numbers[hidden].sum() >= SMALL_COUNT_LIMIT:
                break
            hidden[index] = True
    if not hidden.any():
        return values
    out = values.astype(object).copy()
    out[hidden] = SMALL_COUNT
    return out


def _suppress(frame: pd.DataFrame, columns: list[str], groups: tuple[str, ...]) -> pd.DataFrame:
    keys = [g for g in groups if g in frame.columns]
    for column in columns:
        if keys:
            parts = [
                suppress_small_counts(part)
                for _, part in frame.groupby(keys, sort=False, dropna=False)[column]
            ]
            frame[column] = pd.concat(parts).reindex(frame.index) if parts else frame[column]
        else:
            frame[column] = suppress_small_counts(frame[column])
    return frame


def protect_result(frame: pd.DataFrame, viewer: Viewer, policy: QueryPolicy) -> tuple[pd.DataFrame, bool]:
    """Return (frame as viewer may see it, whether unmasked personal columns were returned).

    By-name roles get names and NIK as stored; pimpinan and monev get them masked; tamu gets them removed; all
    three get dwelling coordinates coarsened to about 1 km. Roles without by-name access get small counts suppressed.
    """
    frame = frame.copy()
    personal = personal_columns(frame, policy)
    if viewer.by_name:
        return frame, bool(personal) and len(frame) > 0
    for column in personal:
        if viewer.role == "tamu" and column not in DWELLING_COLUMNS:
            frame = frame.drop(columns=column)  # a guest gets no identity at all, not even a masked one
        else:
            frame[column] = _mask_column(column, frame[column])
    return _suppress(frame, count_columns(frame, policy), policy.groups), False
