"""The page registry: every screen, its file, its Indonesian url path and its section in the navigation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str  # catalogue key prefix and session-state prefix
    file: str  # path relative to the project root
    url_path: (
        str  # Indonesian, never equal to the file name (see README: deep links); the default page is "/"
    )
    section: str  # catalogue key of the navigation section
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("beranda", "pages/overview.py", "beranda", "nav.section.ringkasan", default=True),
    PageSpec("kelola", "pages/data_management.py", "kelola-data", "nav.section.administrasi"),
)
