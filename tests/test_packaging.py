"""A non-editable install carries everything the app reads at run time: SQL files, importer SQL, label catalogue,
importer data files."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_queries_and_locales(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            tmp_path,
            ROOT,
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("sinergi-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"sinergi/queries/{p.relative_to(ROOT / 'queries')}" for p in (ROOT / "queries").rglob("*.sql")
    }
    expected |= {f"sinergi/common/locales/{p.name}" for p in (ROOT / "sinergi/common/locales").glob("*.toml")}
    # versioned importer data: the P3KE synonym table and the province extents
    expected |= {f"sinergi/data/importers/{p.name}" for p in (ROOT / "sinergi/data/importers").glob("*.csv")}
    assert expected - names == set()
    assert not any(n.startswith(("tests/", "pages/", "data/")) for n in names)


def test_a_checkout_beside_a_non_editable_install_reads_its_own_queries(monkeypatch):
    # the checkout's sinergi/ shadows the installed package and has no `queries` subpackage
    from sinergi.data import db

    def missing(name: str):
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(db.resources, "files", missing)
    assert db._queries_dir() == db._CHECKOUT_QUERIES
    assert (db._queries_dir() / "schema.sql").exists()
