"""Lint and format run with the tests, so one command checks what CI checks."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = shutil.which("ruff")
MYPY = shutil.which("mypy")


@pytest.mark.skipif(RUFF is None, reason="ruff is installed with the [test] extra")
@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args):
    result = subprocess.run([RUFF, *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(MYPY is None, reason="mypy is installed with the [test] extra")
def test_mypy_strict_modules():
    """The strict modules of [tool.mypy] (access, db, importers, common) type-check: a wrong type there is a leak
    or a wrong figure. The cache (.mypy_cache, ignored by git) makes a second run take seconds."""
    result = subprocess.run([MYPY], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
