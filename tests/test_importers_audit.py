"""Imports leave a trace (issue 18, item 5) and the command line speaks one language (issue 13, item 7): every import
and restore writes an audit event with the signed-in user (page) or --user (command line, required when not
interactive), and import_log.imported_by is that user."""

import io
import json
import os
import subprocess
import sys
import uuid

import duckdb
import pandas as pd
import pytest
import streamlit as st
from conftest import open_page
from importer_helpers import copy_demo, sha

from sinergi.access import audit
from sinergi.access.login import VIEWER_KEY
from sinergi.access.policy import make_viewer
from sinergi.data import db
from sinergi.data.importers.sample import synthetic_p3ke

DESA = ["99.02.01.2001", "99.02.01.2002"]


def _events(username: str, event: str) -> list[dict]:
    frame = audit.events(username=username, event=event)
    return [{**row, "detail": json.loads(row["detail"] or "{}")} for row in frame.to_dict("records")]


def _imported_by(path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select kind, imported_by from import_log where kind <> 'demo' order by imported_at"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def kelola(tmp_path, monkeypatch, app):
    path = copy_demo(tmp_path)
    monkeypatch.setenv("SINERGI_DB", str(path))
    db.close_connection()
    st.cache_data.clear()
    user = f"pengelola-{uuid.uuid4().hex[:8]}"
    app.session_state[VIEWER_KEY] = make_viewer(user, "admin", None)
    at = open_page(app, "pages/data_management.py", wilayah="99.02")
    at.session_state[VIEWER_KEY] = make_viewer(user, "admin", None)
    yield at, path, user
    db.close_connection()


def _upload(at, name: str, data: bytes):
    at.selectbox(key="kelola_kind").set_value("p3ke").run()
    at.get("file_uploader")[0].upload(name, data, "text/csv").run()
    at.button(key="kelola_run").click().run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    return at


def test_page_import_and_restore_are_audited_as_the_signed_in_user(kelola):
    at, path, user = kelola
    _upload(at, "p3ke.csv", synthetic_p3ke(DESA, 30, seed=5))
    assert any("Impor selesai" in s.value for s in at.success)
    assert _imported_by(path) == [("p3ke", user)]
    [event] = _events(user, "import")
    assert (event["role"], event["page"]) == ("admin", "kelola")
    assert event["detail"]["status"] == "written" and event["detail"]["rows_written"] == 30
    at.button(key="kelola_restore").click().run()
    assert not at.exception
    [restore] = _events(user, "restore")
    assert restore["detail"]["restored"].endswith(".p3ke.duckdb")
    assert _imported_by(path) == []


def test_page_survives_a_broken_file_and_audits_the_attempt(kelola):
    at, path, user = kelola
    before = sha(path)
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(DESA, 5)), sep=";", skiprows=11, dtype=str)
    frame.loc[1, "Nama Kepala Keluarga"] = "X" * 200_000
    _upload(at, "rusak.csv", frame.to_csv(index=False, sep=";").encode())
    assert any("Tidak ada yang ditulis" in e.value for e in at.error)
    assert sha(path) == before
    [event] = _events(user, "import")
    assert event["detail"]["status"] == "blocked" and event["detail"]["errors"] >= 1


def _cli(*args: str, db_path, lang_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SINERGI_DB": str(db_path), **(lang_env or {})}
    return subprocess.run([sys.executable, "-m", "sinergi.data.importers", *args], env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=300)  # fmt: skip


def test_cli_needs_a_user_when_not_interactive(tmp_path):
    path = copy_demo(tmp_path)
    data = tmp_path / "p3ke.csv"
    data.write_bytes(synthetic_p3ke(DESA, 10))
    before = sha(path)
    done = _cli("p3ke", str(data), db_path=path)
    assert done.returncode == 1 and "--user" in done.stderr and "Traceback" not in done.stderr
    assert sha(path) == before


def test_cli_import_and_restore_are_audited_with_the_given_user(tmp_path):
    path = copy_demo(tmp_path)
    data = tmp_path / "p3ke.csv"
    data.write_bytes(synthetic_p3ke(DESA, 10, seed=9))
    user = f"operator-{uuid.uuid4().hex[:8]}"
    done = _cli("p3ke", str(data), "--user", user, db_path=path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("Ditulis: 10 baris")
    assert _imported_by(path) == [("p3ke", user)]
    [event] = _events(user, "import")
    assert event["page"] == "cli" and event["detail"]["status"] == "written"
    done = _cli("restore", "--user", user, db_path=path)
    assert done.returncode == 0 and done.stdout.startswith("Dipulihkan dari")
    assert len(_events(user, "restore")) == 1


def test_cli_speaks_one_language_and_says_how_to_accept_warnings(tmp_path):
    path = copy_demo(tmp_path)
    frame = pd.read_csv(io.BytesIO(synthetic_p3ke(DESA, 6)), sep=";", skiprows=11, dtype=str)
    frame.loc[2, "Jenis Atap"] = "EMAS"  # an unknown value: a warning only
    data = tmp_path / "atap.csv"
    data.write_bytes(frame.to_csv(index=False, sep=";").encode())
    before = sha(path)
    done = _cli("p3ke", str(data), "--user", "uji", db_path=path)
    assert done.returncode == 2 and sha(path) == before
    out = done.stdout
    assert "[peringatan] atap.csv, baris 4, kolom 'Jenis Atap' 'EMAS'" in out
    assert "--accept-warnings" in out.splitlines()[-1]
    words = out.replace("--accept-warnings", "")
    assert "None" not in words and "warning" not in words and "blocked" not in words
    assert "█" not in out + done.stderr  # no progress bars
    done = _cli("p3ke", str(data), "--user", "uji", "--lang", "en", db_path=path)
    assert "[warning] atap.csv, row 4, column 'Jenis Atap'" in done.stdout
    assert done.stdout.splitlines()[-2].startswith("Blocked, nothing written")


def test_cli_numbers_boundary_rows_per_file_and_never_shows_a_traceback(tmp_path):
    path = copy_demo(tmp_path)
    square = {"type": "Polygon", "coordinates": [[[120, -9], [120.01, -9], [120.01, -8.99], [120, -9]]]}
    files = []
    for name, codes in (("a.geojson", ["99.02.01.2001", "99.02.01.2002"]),
                        ("b.geojson", ["99.02.01.2003", "99.02.01.2004", "99.02.01.2005", "99.02.01.2006", "12.34"])):  # fmt: skip
        features = [{"type": "Feature", "properties": {"kode": c}, "geometry": square} for c in codes]
        (tmp_path / name).write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        files.append(str(tmp_path / name))
    done = _cli("boundaries", *files, "--user", "uji", db_path=path)
    assert done.returncode == 2
    assert "[galat] b.geojson, baris 5, kolom 'kode' '12.34'" in done.stdout
    huge = tmp_path / "besar.csv"
    huge.write_bytes(b'ID Keluarga P3KE;Kode Kemdagri;NIK Kepala Keluarga\n1;"' + b"A" * 300_000 + b'";3\n')
    done = _cli("p3ke", str(huge), "--user", "uji", db_path=path)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
