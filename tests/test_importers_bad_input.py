"""Bad input: every bad file gives a report and leaves the database file byte-for-byte unchanged."""

import io
import os
import signal
import stat
import subprocess
import sys
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_helpers import REAL, copy_demo, needs_real, sha

from sinergi.data.importers import execute, prepare
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.templates import SPECS, template_bytes
from sinergi.data.importers.versions import work_dir, working_copies
from sinergi.data.importers.writer import PAUSE_ENV

DEMO_DESA = ["99.02.01.2001", "99.02.01.2002"]


def good_p3ke(rows: int = 5, **kw) -> pd.DataFrame:
    data = synthetic_p3ke(DEMO_DESA, rows, title=False, **kw)
    return pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False)


def as_csv(frame: pd.DataFrame, sep: str = ";") -> bytes:
    return frame.to_csv(index=False, sep=sep).encode()


def _mutate(column: str, value: str, row: int = 1) -> bytes:
    frame = good_p3ke()
    frame.loc[row, column] = value
    return as_csv(frame)


def _bad_birth_and_nik() -> bytes:
    frame = good_p3ke()
    frame.loc[1, "Tanggal Lahir Kepala Keluarga"] = "31-02-1980x"
    frame.loc[1, "NIK Kepala Keluarga"] = "99020199999"  # no birth date to fall back on
    return as_csv(frame)


BAD_P3KE = {
    "empty file": b"",
    "binary junk": bytes(range(256)) * 4,
    "no known header": b"a;b;c\n1;2;3\n",
    "header only": as_csv(good_p3ke().iloc[0:0]),
    "missing NIK column": as_csv(good_p3ke().drop(columns=["NIK Kepala Keluarga"])),
    "short NIK": _mutate("NIK Kepala Keluarga", "12345"),
    "unknown desa": _mutate("Kode Kemdagri", "1234567890"),
    "nine-digit code": _mutate("Kode Kemdagri", "990201200"),
    "decile 7": _mutate("Desil Kesejahteraan", "7"),
    "bad date and bad NIK": _bad_birth_and_nik(),
    "missing bansos column": as_csv(good_p3ke().drop(columns=["Penerima KUR"])),
    "coordinates swapped": as_csv(good_p3ke().assign(Longitude="-8.9", Latitude="120.1")),
    "duplicate id, other content": as_csv(
        pd.concat([good_p3ke(), good_p3ke().iloc[[0]].assign(**{"Nama Kepala Keluarga": "NAMA LAIN"})])
    ),
    "ragged rows": as_csv(good_p3ke())
    + b"x;y\n1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26;27;28;29\n",
    "individual-level file": b"ID Keluarga P3KE;ID Individu;NIK;Nama;Kode Kemdagri\n1;2;3;4;5\n",
}


@pytest.fixture
def demo_copy(tmp_path):
    return copy_demo(tmp_path)


@pytest.mark.parametrize("case", BAD_P3KE)
def test_bad_p3ke_is_reported_and_writes_nothing(case, demo_copy):
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("bad.csv", BAD_P3KE[case])], demo_copy)
    outcome = execute(prepared, accept_warnings=True, path=demo_copy, user="uji")
    assert outcome.status == "blocked"
    frame = prepared.report.frame()
    assert (frame["severity"] == "error").any()
    assert frame["message"].str.len().gt(10).all()
    assert sha(demo_copy) == before


def test_good_p3ke_variants_are_accepted(demo_copy):
    frame = good_p3ke()
    frame["Kode Kemdagri"] = frame["Kode Kemdagri"].str.replace(
        r"(\d\d)(\d\d)(\d\d)(\d{4})", r"\1.\2.\3.\4", regex=True
    )
    frame["Jenis Atap"] = "  genteng\u00a0 "  # odd spaces and case
    frame = frame.rename(columns={"Resiko Stunting": "Risiko Stunting"})  # alias
    prepared = prepare("p3ke", [("ok.csv", as_csv(frame, ","))], demo_copy)
    assert prepared.report.errors == 0, prepared.report.frame()
    assert execute(prepared, path=demo_copy, user="uji").status == "written"


def test_warnings_need_acceptance(demo_copy):
    frame = good_p3ke()
    frame.loc[1, "NIK Kepala Keluarga"] = frame.loc[0, "NIK Kepala Keluarga"]  # duplicate NIK: a warning
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("warn.csv", as_csv(frame))], demo_copy)
    assert prepared.report.errors == 0 and prepared.report.warnings >= 1
    assert execute(prepared, accept_warnings=False, path=demo_copy, user="uji").status == "blocked"
    assert sha(demo_copy) == before
    assert execute(prepared, accept_warnings=True, path=demo_copy, user="uji").status == "written"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column=st.sampled_from(
        ["NIK Kepala Keluarga", "Kode Kemdagri", "Desil Kesejahteraan", "ID Keluarga P3KE"]
    ),
    junk=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=12).filter(
        lambda s: not s.strip().isdigit()
    ),
    drop=st.booleans(),
)
def test_generated_bad_p3ke_files(column, junk, drop, demo_copy):
    frame = good_p3ke(3)
    if column == "ID Keluarga P3KE":
        junk = junk if not junk.strip() else " "  # any non-blank text is a valid id
    if drop:
        frame = frame.drop(columns=[column])
    else:
        frame.loc[1, column] = junk
    data = as_csv(frame)
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("gen.csv", data)], demo_copy)
    outcome = execute(prepared, accept_warnings=True, path=demo_copy, user="uji")
    assert outcome.status == "blocked"
    assert len(prepared.report.frame()) > 0
    assert sha(demo_copy) == before


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash(data, demo_copy):
    before = sha(demo_copy)
    for kind in ("p3ke", "partner", "boundaries"):
        outcome = execute(prepare(kind, [("x.csv" if kind != "boundaries" else "x.geojson", data)], demo_copy),
                          accept_warnings=True, path=demo_copy, user="uji")  # fmt: skip
        assert outcome.status == "blocked"
    assert sha(demo_copy) == before


BAD_BOUNDARIES = {
    "not json": ("b.geojson", b"{ not json"),
    "no code": ("b.geojson", b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nama":"X"},'
                              b'"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}'),
    "unknown code": ("b.geojson", b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"98.77"},'
                                  b'"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}'),
    "zip without shapefile": ("b.zip", b"PK\x05\x06" + b"\x00" * 18),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_BOUNDARIES)
def test_bad_boundaries(case, demo_copy):
    before = sha(demo_copy)
    prepared = prepare("boundaries", [BAD_BOUNDARIES[case]], demo_copy)
    assert execute(prepared, accept_warnings=True, path=demo_copy, user="uji").status == "blocked"
    assert prepared.report.errors > 0
    assert sha(demo_copy) == before


def test_invalid_geometry_is_repaired_with_a_warning(demo_copy):
    bowtie = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"99.02.01.2001"},'
              b'"geometry":{"type":"Polygon","coordinates":[[[120,-9],[120.01,-9.01],[120.01,-9],[120,-9.01],[120,-9]]]}}]}')  # fmt: skip
    prepared = prepare("boundaries", [("bowtie.geojson", bowtie)], demo_copy)
    frame = prepared.report.frame()
    assert prepared.report.errors == 0
    assert frame["message"].str.contains("tidak valid").any()


@needs_real
def test_sdgs_template_is_rejected_clearly(demo_copy):
    data = (REAL / "households" / "sdgs_desa_2021_keluarga_template_kemendesa.xlsx").read_bytes()
    before = sha(demo_copy)
    prepared = prepare("p3ke", [("sdgs.xlsx", data)], demo_copy)
    assert execute(prepared, path=demo_copy, user="uji").status == "blocked"
    message = prepared.report.frame()["message"].iloc[0]
    assert "judul kolom" in message or "SDGs" in message
    assert sha(demo_copy) == before


@pytest.mark.parametrize("kind", SPECS)
def test_empty_template_is_reported(kind, demo_copy):
    before = sha(demo_copy)
    prepared = prepare(kind, [(f"{kind}.xlsx", template_bytes(kind))], demo_copy)
    assert execute(prepared, path=demo_copy, user="uji").status == "blocked"
    assert "tidak berisi baris" in " ".join(prepared.report.frame()["message"])
    assert sha(demo_copy) == before


def test_killed_import_leaves_database_untouched_and_no_copy_in_data(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = copy_demo(data_dir)
    before = sha(path)
    data = tmp_path / "p3ke.csv"
    data.write_bytes(synthetic_p3ke(DEMO_DESA, 200))
    work = work_dir(path)
    env = {**os.environ, "SINERGI_DB": str(path), PAUSE_ENV: "60"}
    command = [
        sys.executable,
        "-m",
        "sinergi.data.importers",
        "p3ke",
        str(data),
        "--accept-warnings",
        "--user",
        "uji",
    ]
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not working_copies(path) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # inside the open transaction now
    assert proc.poll() is None, "the import ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert sha(path) == before
    # the copy left behind holds names and NIK: never in data/, owner-only where it is
    assert sorted(p.name for p in data_dir.iterdir()) == ["sinergi.duckdb", "sinergi.duckdb.import.lock"]
    stale = [p for p in working_copies(path) if p.name.endswith(".import.tmp")]
    assert stale and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in stale)
    assert stat.S_IMODE(work.stat().st_mode) == 0o700
    # the next import still works and deletes the killed import's copy
    rerun = subprocess.run(
        command[:5] + ["--user", "uji"], env={**env, PAUSE_ENV: "0"}, stdin=subprocess.DEVNULL
    )
    assert rerun.returncode == 0 and sha(path) != before
    assert not working_copies(path)


def test_terminated_import_deletes_its_copy(tmp_path):
    path = copy_demo(tmp_path)
    before = sha(path)
    data = tmp_path / "p3ke.csv"
    data.write_bytes(synthetic_p3ke(DEMO_DESA, 50))
    env = {**os.environ, "SINERGI_DB": str(path), PAUSE_ENV: "60"}
    command = [sys.executable, "-m", "sinergi.data.importers", "p3ke", str(data), "--user", "uji"]
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not working_copies(path) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    proc.terminate()  # SIGTERM: the import unwinds and deletes its working copy on the way out
    proc.wait()
    assert sha(path) == before
    assert not working_copies(path)


def test_failure_inside_the_transaction_is_reported(demo_copy):
    import duckdb

    prepared = prepare("p3ke", [("ok.csv", as_csv(good_p3ke()))], demo_copy)

    def failing(con):
        con.execute("delete from household")  # visible only inside the copy's transaction
        raise duckdb.ConstraintException("uji")

    prepared.apply = failing
    before = sha(demo_copy)
    outcome = execute(prepared, path=demo_copy, user="uji")
    assert outcome.status == "blocked"
    assert "Penulisan dibatalkan" in prepared.report.frame()["message"].iloc[0]
    assert sha(demo_copy) == before
    assert not list(demo_copy.parent.glob("*.tmp"))
    assert not working_copies(demo_copy)
