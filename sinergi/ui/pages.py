"""The page registry: every screen, its file, its Indonesian url path and its section in the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from sinergi.access.policy import ROLES


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
    PageSpec("peta", "pages/map_explorer.py", "peta", "nav.section.perencanaan"),
    PageSpec("potensi", "pages/sector_potential.py", "potensi-sektor", "nav.section.perencanaan"),
    PageSpec("sasaran_lokasi", "pages/target_selection.py", "penetapan-lokasi", "nav.section.perencanaan"),
    PageSpec("mitra", "pages/partners.py", "mitra", "nav.section.kolaborasi"),
    PageSpec("moa", "pages/agreements.py", "moa", "nav.section.kolaborasi"),
    PageSpec("koordinasi", "pages/coordination.py", "koordinasi", "nav.section.kolaborasi"),
    PageSpec("riwayat", "pages/program_history.py", "riwayat-program", "nav.section.kolaborasi"),
    PageSpec("alur", "pages/pipeline.py", "alur-program", "nav.section.kolaborasi"),
    PageSpec("briefing", "pages/briefing.py", "briefing-bupati", "nav.section.ringkasan"),
    PageSpec("monev", "pages/kpi_monitoring.py", "monev-kpi", "nav.section.monitoring"),
    PageSpec("perpindahan", "pages/household_transitions.py", "perpindahan", "nav.section.monitoring"),
    PageSpec("banding", "pages/comparison.py", "perbandingan", "nav.section.monitoring"),
    PageSpec("intervensi", "pages/interventions.py", "intervensi", "nav.section.monitoring"),
    PageSpec("anggaran", "pages/budget.py", "anggaran", "nav.section.monitoring"),
    PageSpec("rapor", "pages/scorecard.py", "rapor-kabupaten", "nav.section.monitoring"),
    PageSpec(
        "kelola", "pages/data_management.py", "kelola-data", "nav.section.administrasi", roles=ADMIN_ONLY
    ),
    PageSpec("audit", "pages/audit_log.py", "log-audit", "nav.section.administrasi", roles=ADMIN_ONLY),
    PageSpec("akun", "pages/accounts.py", "akun", "nav.section.administrasi", roles=ADMIN_ONLY),
)


def page_roles(page_key: str) -> tuple[str, ...]:
    """Return the roles that may open the page with this key (every role for a key not in the registry)."""
    return next((spec.roles for spec in PAGES if spec.key == page_key), ROLES)


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """Return the pages to route: all before sign-in (each shows the login form; the navigation is hidden), else
    the role's."""
    return PAGES if role is None else tuple(spec for spec in PAGES if role in spec.roles)
