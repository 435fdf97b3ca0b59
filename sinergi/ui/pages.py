"""The page registry: every screen, its file, its Indonesian url path and its section in the navigation."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sinergi.access import ROLES


@dataclass(frozen=True)
class PageSpec:
    key: str  # catalogue key prefix and session-state prefix
    file: str  # path relative to the project root
    url_path: (
        str  # Indonesian, never equal to the file name (see README: deep links); the default page is "/"
    )
    section: str  # catalogue key of the navigation section
    default: bool = False
    roles: tuple[str, ...] = ROLES  # roles that see the page in the navigation and may open it


ADMIN_ONLY = ("admin",)

PAGES: tuple[PageSpec, ...] = (
    PageSpec("beranda", "pages/overview.py", "beranda", "nav.section.ringkasan", default=True),
    PageSpec("audit", "pages/audit_log.py", "log-audit", "nav.section.administrasi", roles=ADMIN_ONLY),
    PageSpec("akun", "pages/accounts.py", "akun", "nav.section.administrasi", roles=ADMIN_ONLY),
)


# Whatever roles a branch gives them, the data-management (imports) and administration pages stay admin-only.
ADMIN_PAGE_KEYS = frozenset({"kelola", "audit", "akun"})
ADMIN_PAGE_FILES = frozenset({"pages/data_management.py", "pages/audit_log.py", "pages/accounts.py"})
PAGES = tuple(
    replace(spec, roles=ADMIN_ONLY) if spec.key in ADMIN_PAGE_KEYS or spec.file in ADMIN_PAGE_FILES else spec
    for spec in PAGES
)


def page_roles(page_key: str) -> tuple[str, ...]:
    """Return the roles that may open the page with this key (every role for a key not in the registry)."""
    if page_key in ADMIN_PAGE_KEYS:
        return ADMIN_ONLY
    return next((spec.roles for spec in PAGES if spec.key == page_key), ROLES)


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """Return the pages to list in the navigation: all before sign-in (each shows the login form), else the role's."""
    return PAGES if role is None else tuple(spec for spec in PAGES if role in spec.roles)
