"""The folder layout is the architecture: each folder of `sinergi/` imports only the layers its README allows,
the package list in pyproject.toml names every folder, and no module grows past a readable size."""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sinergi"
BASE = {"common"}
ALLOWED = {
    "common": BASE,
    "data": BASE | {"data"},
    "access": BASE | {"data", "access"},
    "ui": BASE | {"data", "access", "ui"},
    "planning": BASE | {"data", "access", "ui", "planning"},
    "collaboration": BASE | {"data", "access", "ui", "collaboration"},
    "monitoring": BASE | {"data", "access", "ui", "monitoring"},
    "overview": BASE | {"data", "access", "ui", "monitoring", "overview"},
    "briefing": BASE | {"data", "access", "ui", "monitoring", "overview", "briefing"},
}
MAX_LINES = 400


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "sinergi" and len(parts) > 1:
                found.add(parts[1])
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_imports_only_allowed_layers(path):
    folder = path.relative_to(PACKAGE).parts[0]
    assert folder in ALLOWED, f"new folder sinergi/{folder}: add it to ALLOWED here and give it a README"
    wrong = _imports(path) - ALLOWED[folder] - {"queries"}
    assert not wrong, (
        f"{path.relative_to(ROOT)} imports sinergi.{sorted(wrong)}; sinergi/{folder}/README.md says what it may import"
    )


def test_every_folder_has_a_readme():
    missing = [d for d in ALLOWED if not (PACKAGE / d / "README.md").is_file()]
    assert not missing, f"folders without README.md: {missing}"


def test_pyproject_lists_every_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    present = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    assert present | {"sinergi.queries"} == listed, (
        "pyproject.toml [tool.setuptools] packages: add or drop these"
    )


def test_modules_stay_small():
    big = {
        str(p.relative_to(ROOT)): n
        for p in [*_modules(), *(ROOT / "pages").glob("*.py")]
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"split these files (over {MAX_LINES} lines): {big}"


def test_architecture_doc_lists_every_page_as_registered():
    from sinergi.ui.pages import PAGES

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[1].startswith("pages/"):
            rows[cells[0]] = (cells[1], cells[2], cells[5])
    registered = {s.key: (s.file, "/" if s.default else f"/{s.url_path}") for s in PAGES}
    assert {k: v[:2] for k, v in rows.items()} == registered, "update the page table in docs/architecture.md"
    assert all((PACKAGE / folder).is_dir() for _, _, folder in rows.values())
