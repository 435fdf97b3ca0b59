"""Importers of real data: boundaries, P3KE exports, survey rounds and partner templates, validated, all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sinergi.common.i18n import DEFAULT_LANGUAGE
from sinergi.data.importers.core import Outcome, Prepared, execute

KINDS = ("boundaries", "p3ke", "p3ke_individu")  # extended below with every template kind


def prepare(
    kind: str,
    files: list[tuple[str, bytes]],
    path: Path | None = None,
    progress: Callable[[float, str], None] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> Prepared:
    """Return the validated import of kind for the given (file name, bytes) pairs; progress gets (0-1, step);
    the problem report speaks lang."""
    from sinergi.data.importers import boundaries, p3ke, p3ke_individu, templates

    if kind == "boundaries":
        return boundaries.prepare(files, path, lang)
    if len(files) != 1:
        raise ValueError("this kind takes exactly one file")
    name, data = files[0]
    if kind == "p3ke":
        return p3ke.prepare(name, data, path, progress, lang)
    if kind == "p3ke_individu":
        return p3ke_individu.prepare(name, data, path, lang)
    if kind in templates.SPECS:
        return templates.prepare(kind, name, data, path, lang)
    raise ValueError(f"unknown import kind: {kind}")


def all_kinds() -> tuple[str, ...]:
    """Return every import kind the CLI and page accept."""
    from sinergi.data.importers.templates import SPECS

    return (*KINDS, *SPECS)


__all__ = ["Outcome", "Prepared", "all_kinds", "execute", "prepare"]
